//! Page analytics exports: Content (posts, and a sheet of daily metrics) and Followers.

use crate::Parsed;
use crate::columns::*;
use crate::error::{ImportError, RowProblem, RowProblemKind};
use crate::grid::{Grid, load_grids};
use crate::header::{Column, Header, RowReader, best_header};
use crate::model::{FileKind, PageDay, PostFigures, Row};
use crate::post_key::PostKey;

pub(crate) fn content(bytes: &[u8]) -> Result<Parsed, ImportError> {
    content_of(load_grids(bytes)?)
}

pub(crate) fn content_of(grids: Vec<Grid>) -> Result<Parsed, ImportError> {
    let mut parsed = Parsed::new(FileKind::PageContent);
    let (posts_at, header) = locate(&grids, POST_COLUMNS, None, |h| {
        [POST_LINK, CREATED, IMPRESSIONS]
            .iter()
            .try_for_each(|c| h.require(c.name))
    })?;
    let sheet = &grids[posts_at];
    parsed.posts = rows(sheet, &header, post_row);

    let others: Vec<Grid> = grids
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != posts_at)
        .map(|(_, g)| g.clone())
        .collect();
    if let Some((at, header)) = best_header(&others, &page_day_columns(), Some(DATE.name), 2) {
        parsed.page_days = rows(&others[at], &header, day_row);
    }
    Ok(parsed)
}

pub(crate) fn followers(bytes: &[u8]) -> Result<Parsed, ImportError> {
    followers_of(load_grids(bytes)?)
}

pub(crate) fn followers_of(grids: Vec<Grid>) -> Result<Parsed, ImportError> {
    let mut parsed = Parsed::new(FileKind::PageFollowers);
    let (at, header) = locate(&grids, FOLLOWER_COLUMNS, None, |h| {
        h.require(DATE.name)?;
        h.require_any(&[
            TOTAL_FOLLOWERS.name,
            ORGANIC_FOLLOWERS.name,
            SPONSORED_FOLLOWERS.name,
        ])
    })?;
    parsed.page_days = rows(&grids[at], &header, follower_row);
    Ok(parsed)
}

/// The sheet and header that best fit `columns`, checked by `required`. A header with a single
/// known column still counts here, so that the error names the missing columns instead of
/// saying that no header was found.
pub(crate) fn locate(
    grids: &[Grid],
    columns: &[Column],
    must: Option<&str>,
    required: impl Fn(&Header) -> Result<(), ImportError>,
) -> Result<(usize, Header), ImportError> {
    let found = best_header(grids, columns, must, 2)
        .or_else(|| best_header(grids, columns, must, 1))
        .ok_or_else(|| not_found(grids))?;
    required(&found.1)?;
    Ok(found)
}

pub(crate) fn not_found(grids: &[Grid]) -> ImportError {
    ImportError::HeaderNotFound {
        sheet: grids.first().map(|g| g.name.clone()).unwrap_or_default(),
    }
}

pub(crate) fn rows<T>(
    grid: &Grid,
    header: &Header,
    read: impl Fn(&RowReader<'_>) -> Result<T, RowProblem>,
) -> Vec<Row<T>> {
    header
        .data_rows(grid)
        .map(|r| Row {
            line: r.line(),
            sheet: grid.name.clone(),
            value: read(&r),
        })
        .collect()
}

/// A link that is no URL or URN at all is a problem; a LinkedIn link we cannot read a post id
/// from (a short link) is kept without a key, for matching by text.
pub(crate) fn post_link(
    r: &RowReader<'_>,
    column: Column,
) -> Result<(String, Option<PostKey>), RowProblem> {
    let url = r.required(column.name, r.text(column.name))?;
    let key = PostKey::parse(&url);
    let lower = url.to_ascii_lowercase();
    if key.is_none()
        && !lower.contains("://")
        && !lower.starts_with("urn:")
        && !lower.starts_with("www.")
    {
        return Err(r.problem(column.name, RowProblemKind::NotAPostLink { found: url }));
    }
    Ok((url, key))
}

fn post_row(r: &RowReader<'_>) -> Result<PostFigures, RowProblem> {
    let (url, key) = post_link(r, POST_LINK)?;
    Ok(PostFigures {
        key,
        url: Some(url),
        title: r.text(POST_TITLE.name),
        created: r.date(CREATED.name)?,
        post_type: r.text(POST_TYPE.name),
        posted_by: r.text(POSTED_BY.name),
        impressions: r.count(IMPRESSIONS.name)?,
        members_reached: r.count(MEMBERS_REACHED.name)?,
        clicks: r.count(CLICKS.name)?,
        reactions: r.count(LIKES.name)?,
        comments: r.count(COMMENTS.name)?,
        reposts: r.count(REPOSTS.name)?,
        follows: r.count(FOLLOWS.name)?,
        engagements: None,
        video_views: r.count(VIEWS.name)?,
        click_through_rate: r.rate(CTR.name)?,
        engagement_rate: r.rate(ENGAGEMENT_RATE.name)?,
    })
}

/// The total column, else organic plus sponsored (whichever are there).
fn split(
    r: &RowReader<'_>,
    [total, organic, sponsored]: [Column; 3],
) -> Result<Option<i64>, RowProblem> {
    if let Some(t) = r.count(total.name)? {
        return Ok(Some(t));
    }
    let (o, s) = (r.count(organic.name)?, r.count(sponsored.name)?);
    Ok(match (o, s) {
        (None, None) => None,
        (o, s) => Some(o.unwrap_or(0).saturating_add(s.unwrap_or(0))),
    })
}

fn day_row(r: &RowReader<'_>) -> Result<PageDay, RowProblem> {
    let day = r.required(DATE.name, r.date(DATE.name)?)?;
    let [rate_total, rate_organic, _] = DAY_ENGAGEMENT_RATE;
    Ok(PageDay {
        day,
        impressions: split(r, DAY_IMPRESSIONS)?,
        unique_impressions: split(r, DAY_UNIQUE_IMPRESSIONS)?,
        clicks: split(r, DAY_CLICKS)?,
        reactions: split(r, DAY_REACTIONS)?,
        comments: split(r, DAY_COMMENTS)?,
        reposts: split(r, DAY_REPOSTS)?,
        engagement_rate: match r.rate(rate_total.name)? {
            Some(rate) => Some(rate),
            None => r.rate(rate_organic.name)?,
        },
        ..PageDay::default()
    })
}

fn follower_row(r: &RowReader<'_>) -> Result<PageDay, RowProblem> {
    let day = r.required(DATE.name, r.date(DATE.name)?)?;
    let organic = r.count(ORGANIC_FOLLOWERS.name)?;
    let sponsored = r.count(SPONSORED_FOLLOWERS.name)?;
    let auto_invited = r.count(AUTO_INVITED_FOLLOWERS.name)?;
    let total = r.count(TOTAL_FOLLOWERS.name)?;
    let parts = [organic, sponsored, auto_invited];
    let sum = parts.iter().any(Option::is_some).then(|| {
        parts
            .iter()
            .flatten()
            .fold(0_i64, |a, b| a.saturating_add(*b))
    });
    Ok(PageDay {
        day,
        new_followers: total.or(sum),
        organic_followers: organic,
        sponsored_followers: sponsored,
        auto_invited_followers: auto_invited,
        ..PageDay::default()
    })
}
