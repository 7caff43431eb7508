//! Growing delays against password guessing: a few mistakes are free, then each further
//! failure doubles the wait, up to a quarter of an hour.

use std::time::Duration;

/// Failures within this window count.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Free failures per account before a delay applies.
pub const FREE_PER_ACCOUNT: u32 = 4;
/// Free failures per IP address (several people may share one, e.g. a town hall's proxy).
pub const FREE_PER_IP: u32 = 20;

/// How long after the last failure the next attempt must wait, given the number of recent
/// failures and the free allowance.
pub fn delay(failures: u32, free: u32) -> Duration {
    if failures < free {
        return Duration::ZERO;
    }
    let step = (failures - free).min(10);
    Duration::from_secs((15u64 << step).min(WINDOW.as_secs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_mistakes_cost_nothing() {
        assert_eq!(delay(0, FREE_PER_ACCOUNT), Duration::ZERO);
        assert_eq!(
            delay(FREE_PER_ACCOUNT - 1, FREE_PER_ACCOUNT),
            Duration::ZERO
        );
    }

    #[test]
    fn each_further_failure_doubles_the_wait() {
        assert_eq!(
            delay(FREE_PER_ACCOUNT, FREE_PER_ACCOUNT),
            Duration::from_secs(15)
        );
        assert_eq!(
            delay(FREE_PER_ACCOUNT + 1, FREE_PER_ACCOUNT),
            Duration::from_secs(30)
        );
        assert_eq!(
            delay(FREE_PER_ACCOUNT + 2, FREE_PER_ACCOUNT),
            Duration::from_secs(60)
        );
    }

    #[test]
    fn the_wait_never_exceeds_the_window() {
        assert_eq!(delay(1000, FREE_PER_ACCOUNT), WINDOW);
    }
}
