//! The authority's calendar: statutory public holidays per German state, working-time rules,
//! posting-slot suggestions and the warnings shown when someone schedules a post by hand.
//!
//! Everything here is computed, not looked up: no IO, no tables to update each year.
//!
//! # Sources of the rules
//!
//! * **Public holidays** follow the holiday acts of the 16 states (Feiertagsgesetze, e.g.
//!   § 2 FeiertG NW, § 2 FTG Brandenburg, § 1 HFeiertagsG) and the federal Tag der Deutschen
//!   Einheit (Einigungsvertrag Art. 2). Only holidays that apply in the **whole state** are
//!   listed. Holidays that apply only in some municipalities are left out on purpose, because
//!   the product plans for a state, not a municipality:
//!   the Augsburger Friedensfest (8 August, Augsburg only), Mariä Himmelfahrt in Bavaria
//!   (only in mainly Catholic municipalities), and Fronleichnam in Saxony and Thuringia
//!   (only in some Sorbian or Catholic municipalities). An authority that observes one of
//!   them adds it as a [`ClosureDay`]. Sundays are not listed even where a state names them
//!   (Hessen's act makes every Sunday a holiday); Brandenburg's Ostersonntag and
//!   Pfingstsonntag are listed because its act names them explicitly.
//! * **Dated changes:** Buß- und Bettag only in Saxony since 1995 (the other states gave it
//!   up to fund the care insurance, which is why the supported years start in 1995);
//!   Reformationstag in all states once in 2017 and in Bremen, Hamburg, Niedersachsen and
//!   Schleswig-Holstein since 2018; Internationaler Frauentag in Berlin since 2019 and in
//!   Mecklenburg-Vorpommern since 2023; Weltkindertag in Thuringia since 2019; Tag der
//!   Befreiung in Berlin once in 2020 and once in 2025. One-off holidays a state declares in
//!   the future are not known here; the authority enters them as a [`Blackout`] or a
//!   [`ClosureDay`].
//! * **Easter Sunday** by Gauss's rule for the Gregorian calendar (see [`easter_sunday`]);
//!   the movable feasts are fixed offsets from it: Weiberfastnacht −52, Rosenmontag −48,
//!   Karfreitag −2, Christi Himmelfahrt +39, Pfingstsonntag +49, Pfingstmontag +50,
//!   Fronleichnam +60. Buß- und Bettag is the Wednesday before 23 November.
//! * **Working time** is not statutory at the level we need it: core hours come from each
//!   authority's Dienstvereinbarung (under § 14 AZVO NRW and its counterparts), so every
//!   value in [`WorkingTimeRules`] is configurable. The defaults are 09:00–16:00, Monday to
//!   Friday, closed on 24 and 31 December (§ 6 Abs. 3 TVöD/TV-L releases staff on those days).
//!   Carnival closures (Weiberfastnacht, Rosenmontag) are local customs, configured as
//!   closure days relative to Easter, for the whole day or from a time of day.
//! * **Time zone:** German authorities all use Europe/Berlin. [`EuropeBerlin`] implements its
//!   rule by hand (EU summer time, Directive 2000/84/EC: last Sunday of March to last Sunday
//!   of October, switching at 01:00 UTC) instead of pulling in the IANA database through
//!   `chrono-tz`, which costs several seconds of compile time and 20 MB of build output for
//!   one zone. The slot functions take any `chrono::TimeZone`, so another zone can be
//!   plugged in if it is ever needed.

mod easter;
mod error;
mod holidays;
mod reasons;
mod rules;
mod slots;
mod text;
mod timezone;
mod warnings;

#[cfg(test)]
mod holiday_table_tests;
#[cfg(test)]
mod slot_tests;

pub use easter::easter_sunday;
pub use error::CalendarError;
pub use holidays::{FIRST_YEAR, Holiday, LAST_YEAR, holiday_on, holidays};
pub use reasons::SlotReason;
pub use rules::{Blackout, ClosureDay, NotWorkingReason, RecurringDay, WorkingTimeRules};
pub use slots::{HourPerformance, MIN_POSTS_FOR_PERFORMANCE, Slot, SlotRequest, suggest_slots};
pub use timezone::EuropeBerlin;
pub use warnings::{PlannedPost, ScheduleWarning, check_planned};
