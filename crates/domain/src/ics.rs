//! iCalendar (RFC 5545) output: event invitations sent by mail and the calendar feeds.
//!
//! Times are written in UTC (`…Z`), which every client (Outlook, Thunderbird, Apple, Google)
//! shows in the reader's own zone without a `VTIMEZONE` block. Invitations use
//! `METHOD:PUBLISH`, not `REQUEST`: the RSVP happens through the link in the mail, so that
//! Outlook does not send "accepted" replies to an address nobody reads.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

/// The product identifier written into every calendar.
const PRODID: &str = "-//Amtfluencer//Amtfluencer//DE";

/// Content lines are folded after this many octets (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// Why a calendar is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// An event to add; no replies expected.
    Publish,
    /// An event that was called off.
    Cancel,
}

/// A whole calendar: an invitation (one event) or a feed (many).
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    /// Shown by clients as the subscribed calendar's name (`X-WR-CALNAME`).
    pub name: Option<String>,
    pub method: Option<Method>,
    pub events: Vec<Event>,
}

/// One `VEVENT`.
#[derive(Debug, Clone)]
pub struct Event {
    /// Globally unique and stable across updates, e.g. `event-12@musterstadt.amtfluencer`.
    pub uid: String,
    /// When this version of the event was written.
    pub stamp: DateTime<Utc>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub summary: String,
    pub description: Option<String>,
    pub location: Option<String>,
    pub url: Option<String>,
    /// Raised with every change so clients replace their copy.
    pub sequence: u32,
    pub cancelled: bool,
}

impl Calendar {
    /// The calendar as iCalendar text with CRLF line ends and folded lines.
    pub fn render(&self) -> String {
        let mut out = String::new();
        line(&mut out, "BEGIN:VCALENDAR");
        line(&mut out, "VERSION:2.0");
        line(&mut out, &format!("PRODID:{PRODID}"));
        line(&mut out, "CALSCALE:GREGORIAN");
        match self.method {
            Some(Method::Publish) => line(&mut out, "METHOD:PUBLISH"),
            Some(Method::Cancel) => line(&mut out, "METHOD:CANCEL"),
            None => {}
        }
        if let Some(name) = &self.name {
            line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
        }
        for e in &self.events {
            e.render_into(&mut out);
        }
        line(&mut out, "END:VCALENDAR");
        out
    }
}

impl Event {
    fn render_into(&self, out: &mut String) {
        line(out, "BEGIN:VEVENT");
        line(out, &format!("UID:{}", escape(&self.uid)));
        line(out, &format!("DTSTAMP:{}", utc(self.stamp)));
        line(out, &format!("DTSTART:{}", utc(self.start)));
        line(out, &format!("DTEND:{}", utc(self.end)));
        line(out, &format!("SEQUENCE:{}", self.sequence));
        line(out, &format!("SUMMARY:{}", escape(&self.summary)));
        if let Some(d) = &self.description {
            line(out, &format!("DESCRIPTION:{}", escape(d)));
        }
        if let Some(l) = &self.location {
            line(out, &format!("LOCATION:{}", escape(l)));
        }
        if let Some(u) = &self.url {
            // A URI value is not TEXT: no escaping, but no line breaks either.
            line(out, &format!("URL:{}", u.replace(['\r', '\n'], "")));
        }
        let status = if self.cancelled {
            "CANCELLED"
        } else {
            "CONFIRMED"
        };
        line(out, &format!("STATUS:{status}"));
        line(out, "TRANSP:OPAQUE");
        line(out, "END:VEVENT");
    }
}

fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// TEXT escaping of RFC 5545 §3.3.11; CRLF and lone CR become one line break.
fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => s.push_str("\\\\"),
            ';' => s.push_str("\\;"),
            ',' => s.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                s.push_str("\\n");
            }
            '\n' => s.push_str("\\n"),
            c if c.is_control() => {}
            c => s.push(c),
        }
    }
    s
}

/// Appends one content line, folded at 75 octets without splitting a character.
fn line(out: &mut String, content: &str) {
    let mut used = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if used + len > LINE_OCTETS {
            out.push_str("\r\n ");
            // The leading space of a continuation line counts towards its length.
            used = 1;
        }
        out.push(c);
        used += len;
    }
    let _ = write!(out, "\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn event() -> Event {
        Event {
            uid: "event-7@musterstadt".into(),
            stamp: Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap(),
            start: Utc.with_ymd_and_hms(2027, 1, 14, 9, 0, 0).unwrap(),
            end: Utc.with_ymd_and_hms(2027, 1, 14, 10, 30, 0).unwrap(),
            summary: "Infoveranstaltung: Amtfluencer 2.0".into(),
            description: Some(
                "Wir stellen das Programm vor; Fragen, Ideen, Kaffee.\nBis bald!".into(),
            ),
            location: Some("Ratssaal, Rathaus Musterstadt".into()),
            url: Some("https://amtfluencer.musterstadt.example/t/musterstadt/events/7".into()),
            sequence: 2,
            cancelled: false,
        }
    }

    #[test]
    fn every_line_ends_with_crlf_and_no_line_is_longer_than_75_octets() {
        let mut e = event();
        e.description = Some("Größenänderung ".repeat(40));
        let text = Calendar {
            name: None,
            method: Some(Method::Publish),
            events: vec![e],
        }
        .render();
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        for l in text.split("\r\n") {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
            assert!(!l.contains('\n') && !l.contains('\r'));
        }
        // Unfolding gives back the whole description.
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("DESCRIPTION:{}", "Größenänderung ".repeat(40))));
    }

    #[test]
    fn commas_semicolons_backslashes_and_line_breaks_are_escaped() {
        assert_eq!(escape("a,b;c\\d\r\ne\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    }

    #[test]
    fn times_are_written_in_utc() {
        let text = Calendar {
            events: vec![event()],
            ..Default::default()
        }
        .render();
        assert!(text.contains("DTSTART:20270114T090000Z\r\n"));
        assert!(text.contains("DTEND:20270114T103000Z\r\n"));
        assert!(!text.contains("METHOD"));
    }

    #[test]
    fn the_output_is_read_back_by_an_icalendar_parser() {
        let mut cancelled = event();
        cancelled.uid = "event-8@musterstadt".into();
        cancelled.cancelled = true;
        cancelled.summary = "Netzwerktreffen, abgesagt; sorry \\o/".into();
        let cal = Calendar {
            name: Some("Amtfluencer – Stadt Musterstadt".into()),
            method: Some(Method::Publish),
            events: vec![event(), cancelled],
        };
        let text = cal.render();
        let parsed: icalendar::Calendar = text.parse().expect("valid iCalendar");
        let events: Vec<_> = parsed
            .components
            .iter()
            .filter_map(|c| c.as_event())
            .collect();
        assert_eq!(events.len(), 2);
        use icalendar::Component as _;
        use icalendar::EventLike as _;
        assert_eq!(events[0].get_uid(), Some("event-7@musterstadt"));
        assert_eq!(
            events[0].get_summary(),
            Some("Infoveranstaltung: Amtfluencer 2.0")
        );
        assert_eq!(
            events[0].get_description(),
            Some("Wir stellen das Programm vor; Fragen, Ideen, Kaffee.\nBis bald!")
        );
        assert_eq!(
            events[0].get_location(),
            Some("Ratssaal, Rathaus Musterstadt")
        );
        assert_eq!(
            events[1].get_summary(),
            Some("Netzwerktreffen, abgesagt; sorry \\o/")
        );
        assert_eq!(
            events[1].get_status(),
            Some(icalendar::EventStatus::Cancelled)
        );
        let start = events[0].get_start().expect("DTSTART");
        assert_eq!(
            start,
            icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(
                Utc.with_ymd_and_hms(2027, 1, 14, 9, 0, 0).unwrap()
            ))
        );
    }
}
