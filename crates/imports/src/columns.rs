//! Every column we read, with the names LinkedIn uses for it in English and German interfaces
//! (and older names of the same column). The first name is the one shown in error messages.
//! Comparison ignores case, spaces, hyphens, underscores, dots and colons (`header::normalise`).

use crate::header::Column;

macro_rules! col {
    ($name:expr $(, $alias:expr)* $(,)?) => {
        Column { name: $name, aliases: &[$($alias),*] }
    };
}

/// A daily metric that the page export splits into total, organic and sponsored columns.
macro_rules! split_metric {
    ($en:literal, $de:literal) => {
        [
            col!(
                concat!($en, " (total)"),
                $en,
                concat!("Total ", $en),
                concat!($de, " (gesamt)"),
                concat!($de, " (insgesamt)"),
                $de,
                concat!($de, " gesamt"),
                concat!($de, " insgesamt"),
            ),
            col!(
                concat!($en, " (organic)"),
                concat!($de, " (organisch)"),
                concat!("Organische ", $de)
            ),
            col!(
                concat!($en, " (sponsored)"),
                concat!($de, " (gesponsert)"),
                concat!("Gesponserte ", $de)
            ),
        ]
    };
}

pub(crate) const DATE: Column = col!("Date", "Datum", "Tag", "Day");

// Page analytics, content export: one row per post.
pub(crate) const POST_TITLE: Column = col!(
    "Post title",
    "Update title",
    "Titel des Beitrags",
    "Beitragstitel",
    "Titel des Updates",
    "Update-Titel",
    "Titel",
);
pub(crate) const POST_LINK: Column = col!(
    "Post link",
    "Update link",
    "Link zum Beitrag",
    "Beitragslink",
    "Link des Beitrags",
    "Link zum Update",
    "Update-Link",
    "Post URL",
    "Link",
);
pub(crate) const POST_TYPE: Column = col!(
    "Post type",
    "Update type",
    "Beitragstyp",
    "Art des Beitrags",
    "Update-Typ"
);
pub(crate) const POSTED_BY: Column = col!(
    "Posted by",
    "Gepostet von",
    "Veröffentlicht von",
    "Erstellt von"
);
pub(crate) const CREATED: Column = col!(
    "Created date",
    "Date created",
    "Erstellungsdatum",
    "Erstellt am",
    "Datum der Erstellung",
    "Veröffentlichungsdatum",
    "Post publish date",
);
pub(crate) const AUDIENCE: Column = col!("Audience", "Zielgruppe", "Publikum");
pub(crate) const IMPRESSIONS: Column = col!("Impressions", "Impressionen");
pub(crate) const MEMBERS_REACHED: Column = col!(
    "Unique impressions",
    "Members reached",
    "Eindeutige Impressionen",
    "Erreichte Mitglieder",
);
pub(crate) const VIEWS: Column = col!("Views", "Aufrufe", "Ansichten", "Videoaufrufe");
pub(crate) const CLICKS: Column = col!("Clicks", "Klicks");
pub(crate) const CTR: Column = col!(
    "Click through rate (CTR)",
    "Click-through rate (CTR)",
    "Click through rate",
    "CTR",
    "Klickrate (CTR)",
    "Klickrate",
    "Klickrate (Click-Through-Rate)",
);
pub(crate) const LIKES: Column = col!(
    "Likes",
    "Reactions",
    "Reaktionen",
    "Gefällt mir",
    "Gefällt-mir-Angaben"
);
pub(crate) const COMMENTS: Column = col!("Comments", "Kommentare");
pub(crate) const REPOSTS: Column = col!(
    "Reposts",
    "Shares",
    "Geteilt",
    "Geteilte Inhalte",
    "Weiterverbreitungen"
);
pub(crate) const FOLLOWS: Column = col!(
    "Follows",
    "Neue Follower durch Beitrag",
    "Folgen",
    "Follower"
);
pub(crate) const ENGAGEMENT_RATE: Column = col!(
    "Engagement rate",
    "Engagementrate",
    "Engagement-Rate",
    "Interaktionsrate"
);
pub(crate) const CONTENT_TYPE: Column = col!("Content Type", "Inhaltstyp", "Art des Inhalts");

pub(crate) const POST_COLUMNS: &[Column] = &[
    POST_TITLE,
    POST_LINK,
    POST_TYPE,
    POSTED_BY,
    CREATED,
    AUDIENCE,
    IMPRESSIONS,
    MEMBERS_REACHED,
    VIEWS,
    CLICKS,
    CTR,
    LIKES,
    COMMENTS,
    REPOSTS,
    FOLLOWS,
    ENGAGEMENT_RATE,
    CONTENT_TYPE,
];

// Page analytics, content export: the sheet of daily metrics.
pub(crate) const DAY_IMPRESSIONS: [Column; 3] = split_metric!("Impressions", "Impressionen");
pub(crate) const DAY_UNIQUE_IMPRESSIONS: [Column; 3] =
    split_metric!("Unique impressions", "Eindeutige Impressionen");
pub(crate) const DAY_CLICKS: [Column; 3] = split_metric!("Clicks", "Klicks");
pub(crate) const DAY_REACTIONS: [Column; 3] = split_metric!("Reactions", "Reaktionen");
pub(crate) const DAY_COMMENTS: [Column; 3] = split_metric!("Comments", "Kommentare");
pub(crate) const DAY_REPOSTS: [Column; 3] = split_metric!("Reposts", "Reposts");
pub(crate) const DAY_ENGAGEMENT_RATE: [Column; 3] =
    split_metric!("Engagement rate", "Engagementrate");

pub(crate) fn page_day_columns() -> Vec<Column> {
    let mut v = vec![DATE];
    for split in [
        DAY_IMPRESSIONS,
        DAY_UNIQUE_IMPRESSIONS,
        DAY_CLICKS,
        DAY_REACTIONS,
        DAY_COMMENTS,
        DAY_REPOSTS,
        DAY_ENGAGEMENT_RATE,
    ] {
        v.extend(split);
    }
    v
}

// Page analytics, followers export.
pub(crate) const SPONSORED_FOLLOWERS: Column = col!("Sponsored followers", "Gesponserte Follower");
pub(crate) const ORGANIC_FOLLOWERS: Column = col!("Organic followers", "Organische Follower");
pub(crate) const AUTO_INVITED_FOLLOWERS: Column = col!(
    "Auto-invited followers",
    "Automatisch eingeladene Follower",
    "Auto-eingeladene Follower",
);
pub(crate) const TOTAL_FOLLOWERS: Column = col!(
    "Total followers",
    "Follower gesamt",
    "Follower insgesamt",
    "Gesamtzahl der Follower",
    "Neue Follower gesamt",
);

pub(crate) const FOLLOWER_COLUMNS: &[Column] = &[
    DATE,
    SPONSORED_FOLLOWERS,
    ORGANIC_FOLLOWERS,
    AUTO_INVITED_FOLLOWERS,
    TOTAL_FOLLOWERS,
];

// A member's own analytics.
pub(crate) const ENGAGEMENTS: Column = col!("Engagements", "Interaktionen", "Engagement");
pub(crate) const NEW_FOLLOWERS: Column = col!("New followers", "Neue Follower");
pub(crate) const MEMBER_POST_URL: Column = col!(
    "Post URL",
    "Beitrags-URL",
    "URL des Beitrags",
    "Beitragslink"
);
pub(crate) const MEMBER_PUBLISH_DATE: Column = col!(
    "Post publish date",
    "Veröffentlichungsdatum des Beitrags",
    "Veröffentlichungsdatum",
    "Datum der Veröffentlichung",
);

pub(crate) const ENGAGEMENT_COLUMNS: &[Column] = &[DATE, IMPRESSIONS, ENGAGEMENTS];
pub(crate) const MEMBER_FOLLOWER_COLUMNS: &[Column] = &[DATE, NEW_FOLLOWERS];
pub(crate) const TOP_POST_COLUMNS: &[Column] = &[
    MEMBER_POST_URL,
    MEMBER_PUBLISH_DATE,
    ENGAGEMENTS,
    IMPRESSIONS,
];

// DISCOVERY: labels in the first column, values in the second.
pub(crate) const DISCOVERY_IMPRESSIONS: Column = IMPRESSIONS;
pub(crate) const DISCOVERY_REACHED: Column = col!(
    "Members reached",
    "Erreichte Mitglieder",
    "Erreichte Personen"
);
pub(crate) const DISCOVERY_PERIOD: Column = col!(
    "Overall performance",
    "Gesamtleistung",
    "Zeitraum",
    "Period"
);
/// "Total followers on 2/28/2025:" starts with one of these.
pub(crate) const TOTAL_FOLLOWERS_PREFIXES: &[&str] = &[
    "totalfollowers",
    "followerinsgesamt",
    "gesamtzahlderfollower",
    "followergesamt",
];

// Shares.csv (always English, also in German accounts).
pub(crate) const SHARE_DATE: Column = col!("Date", "Datum");
pub(crate) const SHARE_LINK: Column = col!("ShareLink", "Share link");
pub(crate) const SHARE_COMMENTARY: Column = col!("ShareCommentary", "Share commentary");
pub(crate) const SHARED_URL: Column = col!("SharedUrl", "Shared URL");
pub(crate) const MEDIA_URL: Column = col!("MediaUrl", "Media URL");
pub(crate) const VISIBILITY: Column = col!("Visibility", "Sichtbarkeit");

pub(crate) const SHARE_COLUMNS: &[Column] = &[
    SHARE_DATE,
    SHARE_LINK,
    SHARE_COMMENTARY,
    SHARED_URL,
    MEDIA_URL,
    VISIBILITY,
];
