//! Rules of the background job queue that do not need a database.

use std::time::Duration;

crate::text_enum! {
    /// Where a job stands. `Dead` jobs ran out of attempts and wait for an admin.
    pub enum JobStatus {
        Queued = "queued",
        Running = "running",
        Done = "done",
        Dead = "dead",
    }
}

/// Delay before the next attempt after `attempts` failed ones: 10 s, 20 s, 40 s, … capped at
/// one hour, so that an outage of an external service is not hammered.
pub fn retry_delay(attempts: u32) -> Duration {
    let exp = attempts.saturating_sub(1).min(20);
    let secs = 10u64.saturating_mul(1u64 << exp);
    Duration::from_secs(secs.min(3600))
}

/// Whether a failed job gets another attempt.
pub fn should_retry(attempts: u32, max_attempts: u32) -> bool {
    attempts < max_attempts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_doubles_after_each_failure() {
        assert_eq!(retry_delay(1), Duration::from_secs(10));
        assert_eq!(retry_delay(2), Duration::from_secs(20));
        assert_eq!(retry_delay(3), Duration::from_secs(40));
    }

    #[test]
    fn the_delay_is_capped_at_one_hour() {
        assert_eq!(retry_delay(10), Duration::from_secs(3600));
        assert_eq!(retry_delay(u32::MAX), Duration::from_secs(3600));
    }

    #[test]
    fn a_job_is_retried_until_its_attempts_are_used_up() {
        assert!(should_retry(1, 5));
        assert!(should_retry(4, 5));
        assert!(!should_retry(5, 5));
    }

    #[test]
    fn job_status_round_trips_through_text() {
        for s in JobStatus::ALL {
            assert_eq!(s.as_str().parse::<JobStatus>(), Ok(*s));
        }
        assert!("paused".parse::<JobStatus>().is_err());
    }
}
