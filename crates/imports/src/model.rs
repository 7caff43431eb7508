//! What the importers produce: figures per post, per day of the page or the member, and the
//! member's own posts. Every row keeps its place in the file and either a value or the reason it
//! was not taken.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::error::RowProblem;
use crate::post_key::PostKey;

amtfluencer_domain::text_enum! {
    /// The export files we read; stored as `imports.kind`.
    pub enum FileKind {
        /// Page analytics, Content ("updates") export (XLS/XLSX).
        PageContent = "linkedin_page_content",
        /// Page analytics, Followers export (XLS/XLSX).
        PageFollowers = "linkedin_page_followers",
        /// A member's own analytics export (XLSX).
        MemberAnalytics = "linkedin_member_analytics",
        /// `Shares.csv` from a member's data export.
        MemberShares = "linkedin_member_shares",
    }
}

/// One data row of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<T> {
    /// 1-based row number as the user sees it (the spreadsheet row; in a CSV the line on which
    /// the record starts).
    pub line: usize,
    pub sheet: String,
    pub value: Result<T, RowProblem>,
}

/// Figures of one post. Absent columns stay `None`; the app decides what to store as zero.
/// Maps to `post_metrics`: impressions, members_reached, reactions, comments, reposts, clicks.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct PostFigures {
    /// `None` when the link names no post (for example a short link).
    pub key: Option<PostKey>,
    /// The link as written in the file.
    pub url: Option<String>,
    /// The beginning of the post text (page export's "Post title").
    pub title: Option<String>,
    pub created: Option<NaiveDate>,
    pub post_type: Option<String>,
    pub posted_by: Option<String>,
    pub impressions: Option<i64>,
    /// Unique impressions / members reached, where the file has them.
    pub members_reached: Option<i64>,
    pub clicks: Option<i64>,
    /// "Likes" in the page export; LinkedIn counts every reaction there.
    pub reactions: Option<i64>,
    pub comments: Option<i64>,
    pub reposts: Option<i64>,
    pub follows: Option<i64>,
    /// Reactions + comments + reposts + clicks as LinkedIn counts them (member TOP POSTS).
    pub engagements: Option<i64>,
    pub video_views: Option<i64>,
    /// Fractions: 0.05 is 5 %.
    pub click_through_rate: Option<f64>,
    pub engagement_rate: Option<f64>,
}

/// One day of a page (`page_metrics`). The content export fills the reach figures, the followers
/// export the follower figures; the app merges both by day.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct PageDay {
    pub day: NaiveDate,
    /// Total (organic + sponsored) where the file has it, else the sum of the parts it has.
    pub impressions: Option<i64>,
    pub unique_impressions: Option<i64>,
    pub clicks: Option<i64>,
    pub reactions: Option<i64>,
    pub comments: Option<i64>,
    pub reposts: Option<i64>,
    pub engagement_rate: Option<f64>,
    /// Followers gained that day. LinkedIn's "Total followers" in the daily rows is the day's
    /// gain (sponsored + organic + auto-invited), not the running count, which the export does
    /// not contain.
    pub new_followers: Option<i64>,
    pub organic_followers: Option<i64>,
    pub sponsored_followers: Option<i64>,
    pub auto_invited_followers: Option<i64>,
}

/// One day of a member's own profile. A row comes from one sheet (ENGAGEMENT or FOLLOWERS), so
/// it has either the reach or the follower figure; [`crate::Parsed::member_days_merged`] joins
/// them by day.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct MemberDay {
    pub day: NaiveDate,
    pub impressions: Option<i64>,
    pub engagements: Option<i64>,
    pub new_followers: Option<i64>,
}

/// The overall figures of a member's analytics export (DISCOVERY and the FOLLOWERS head line).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct MemberSummary {
    pub period: Option<(NaiveDate, NaiveDate)>,
    pub impressions: Option<i64>,
    pub members_reached: Option<i64>,
    pub total_followers: Option<i64>,
}

/// One of the member's own posts from `Shares.csv`: text and link, no figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Share {
    /// As written in the file (LinkedIn writes UTC).
    pub posted_at: NaiveDateTime,
    pub key: Option<PostKey>,
    pub link: Option<String>,
    pub commentary: String,
    pub shared_url: Option<String>,
    pub media_url: Option<String>,
    pub visibility: Option<String>,
}
