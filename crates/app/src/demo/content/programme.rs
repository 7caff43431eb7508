//! The pilot programme's events and costs.

/// A programme event (info event, workshop, webinar, network meeting).
pub struct EventSeed {
    pub kind: &'static str,
    pub title: &'static str,
    pub date: &'static str,
    pub start: &'static str,
    pub end: &'static str,
    pub location: &'static str,
    pub online: bool,
    pub capacity: u16,
    pub attendance_percent: u8,
}

/// Events of the pilot cohort plus the info event for the next cohort.
#[rustfmt::skip]
pub const EVENTS: [EventSeed; 7] = [
    EventSeed { kind: "info_event", title: "Infoveranstaltung: Werde Amtfluencer!", date: "2026-01-15",
        start: "10:00", end: "11:30", location: "Ratssaal, Rathaus Musterstadt", online: false, capacity: 60, attendance_percent: 89 },
    EventSeed { kind: "kickoff_photo", title: "Auftaktworkshop Teil 1: Gute Fotos mit dem Smartphone", date: "2026-02-03",
        start: "09:00", end: "13:00", location: "Sitzungssaal 1.05, Rathaus Musterstadt", online: false, capacity: 20, attendance_percent: 94 },
    EventSeed { kind: "kickoff_text", title: "Auftaktworkshop Teil 2: Textwerkstatt – so baue ich einen Post auf", date: "2026-02-05",
        start: "09:30", end: "13:30", location: "Sitzungssaal 1.05, Rathaus Musterstadt", online: false, capacity: 20, attendance_percent: 89 },
    EventSeed { kind: "webinar", title: "Webinar: LinkedIn für Beschäftigte im öffentlichen Dienst", date: "2026-03-11",
        start: "10:00", end: "12:00", location: "Videokonferenz", online: true, capacity: 25, attendance_percent: 78 },
    EventSeed { kind: "network_meeting", title: "Netzwerktreffen: Was läuft gut, was nicht?", date: "2026-04-22",
        start: "14:00", end: "15:30", location: "Besprechungsraum 3.12, Rathaus Musterstadt", online: false, capacity: 20, attendance_percent: 72 },
    EventSeed { kind: "network_meeting", title: "Netzwerktreffen: Halbzeitbilanz und Ausblick", date: "2026-06-17",
        start: "13:30", end: "15:30", location: "Besprechungsraum 3.12, Rathaus Musterstadt", online: false, capacity: 20, attendance_percent: 67 },
    EventSeed { kind: "info_event", title: "Infoveranstaltung: Amtfluencer 2.0", date: "2026-12-03",
        start: "10:00", end: "11:30", location: "Ratssaal, Rathaus Musterstadt", online: false, capacity: 60, attendance_percent: 0 },
];

/// A cost item of the pilot programme.
pub struct CostSeed {
    pub category: &'static str,
    pub description: &'static str,
    pub amount_cents: i64,
    pub date: &'static str,
    pub note: &'static str,
}

/// Costs of the (low-budget) pilot programme.
#[rustfmt::skip]
pub const COSTS: [CostSeed; 6] = [
    CostSeed { category: "material", description: "18 Smartphone-Stative mit Bluetooth-Auslöser und 18 Ansteck-LED-Leuchten",
        amount_cents: 61_920, date: "2026-02-02", note: "Sammelbestellung über den zentralen Einkauf, je 34,40 € pro Set." },
    CostSeed { category: "photography", description: "Externer Fotograf für den Auftaktworkshop Teil 1 (Bildgestaltung mit dem Handy)",
        amount_cents: 120_000, date: "2026-02-03", note: "Halbtagessatz inkl. Vorbereitung und Übungsaufgaben." },
    CostSeed { category: "catering", description: "Getränke und Imbiss für beide Auftaktworkshops",
        amount_cents: 38_450, date: "2026-02-05", note: "Über die Kantine im Rathaus." },
    CostSeed { category: "training", description: "Webinar einer auf Behörden spezialisierten Social-Media-Agentur",
        amount_cents: 240_000, date: "2026-03-11", note: "Pauschale für bis zu 25 Teilnehmende, inkl. Handout." },
    CostSeed { category: "software", description: "Jahreslizenz Bildbearbeitungs-App für das Kommunikationsteam",
        amount_cents: 14_280, date: "2026-03-02", note: "Vorlagen im Stadt-Design für Beitragsbilder." },
    CostSeed { category: "catering", description: "Kaffee und Kuchen für das Netzwerktreffen im Juni",
        amount_cents: 12_600, date: "2026-06-17", note: "" },
];
