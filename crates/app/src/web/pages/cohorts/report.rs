//! The evaluation report of a cohort: as a page to read and print, as a PDF and as an XLSX
//! workbook. All three lay out the same document (`crate::reports`) and show aggregates only,
//! so everyone who may see aggregates — the team, leadership and the staff council — gets the
//! same report.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::{CohortPath, find};
use crate::db;
use crate::error::AppError;
use crate::reports::document::{Block, Cell, Document, SeriesKind};
use crate::reports::{self, Words};
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::layout::PageCtx;
use crate::web::pages::analytics::aggregates;
use crate::web::pages::analytics::chart::{self, Kind, Series};
use crate::web::render::page;

/// A table cell as shown: its text and whether it is a number (aligned right).
pub struct CellView {
    pub text: String,
    pub number: bool,
}

pub enum BlockView {
    Paragraph(String),
    Subheading(String),
    Bullets(Vec<String>),
    Chart {
        id: &'static str,
        title: String,
        summary: String,
        svg: String,
    },
    Table {
        id: &'static str,
        caption: String,
        headers: Vec<String>,
        rows: Vec<Vec<CellView>>,
        empty: String,
    },
}

pub struct SectionView {
    pub id: &'static str,
    pub heading: String,
    pub blocks: Vec<BlockView>,
}

#[derive(Template)]
#[template(path = "cohorts/report.html")]
struct ReportPage {
    ctx: PageCtx,
    base: String,
    title: String,
    authority: String,
    byline: Vec<String>,
    sections: Vec<SectionView>,
}

fn cell(w: &Words, c: &Cell) -> CellView {
    CellView {
        text: c.text(w),
        number: c.is_number(),
    }
}

fn view(doc: &Document, w: &Words) -> Vec<SectionView> {
    doc.sections
        .iter()
        .map(|s| SectionView {
            id: s.id,
            heading: s.heading.clone(),
            blocks: s
                .blocks
                .iter()
                .map(|b| match b {
                    Block::Paragraph(p) => BlockView::Paragraph(p.clone()),
                    Block::Subheading(h) => BlockView::Subheading(h.clone()),
                    Block::Bullets(items) => BlockView::Bullets(items.clone()),
                    Block::Chart(c) => BlockView::Chart {
                        id: c.id,
                        title: c.title.clone(),
                        summary: c.summary.clone(),
                        svg: chart::svg_scaled(
                            c.id,
                            &c.title,
                            &c.labels,
                            &c.series
                                .iter()
                                .map(|s| Series {
                                    label: s.label.clone(),
                                    kind: match s.kind {
                                        SeriesKind::Bars => Kind::Bars,
                                        SeriesKind::Line => Kind::Line,
                                    },
                                    values: s.values.clone(),
                                })
                                .collect::<Vec<_>>(),
                            c.shared_scale,
                        ),
                    },
                    Block::Table(t) => BlockView::Table {
                        id: t.id,
                        caption: t.caption.clone(),
                        headers: t.headers.clone(),
                        rows: t
                            .rows
                            .iter()
                            .map(|r| r.iter().map(|c| cell(w, c)).collect())
                            .collect(),
                        empty: t.empty.clone(),
                    },
                })
                .collect(),
        })
        .collect()
}

/// The cohort's report document in the member's language.
async fn document(
    state: &AppState,
    ctx: &PageCtx,
    member: &Member,
    id: i64,
) -> Result<(Document, String), AppError> {
    let access = aggregates(member)?;
    let c = find(state, member, id).await?;
    let stem = reports::file_stem(&c.name);
    let data = reports::load(
        &state.db,
        member.tenant_id(),
        &access,
        &member.tenant.name,
        c,
        db::now(),
    )
    .await?;
    let w = Words::new(&state.i18n, ctx.lang);
    Ok((reports::document(&data, &w), stem))
}

pub async fn show_report(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<CohortPath>,
) -> Result<Response, AppError> {
    let (doc, _) = document(&state, &ctx, &member, p.id).await?;
    let w = Words::new(&state.i18n, ctx.lang);
    let sections = view(&doc, &w);
    Ok(page(&ReportPage {
        base: format!("/t/{}/cohorts/{}", member.tenant.slug, p.id),
        title: doc.title,
        authority: doc.authority,
        byline: doc.byline,
        sections,
        ctx: ctx.for_member(&member),
    }))
}

fn download(content_type: &'static str, disposition: String, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            // Figures of the authority: not for shared caches.
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

pub async fn download_pdf(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<CohortPath>,
) -> Result<Response, AppError> {
    let (doc, stem) = document(&state, &ctx, &member, p.id).await?;
    let w = Words::new(&state.i18n, ctx.lang);
    let body = reports::pdf::render(&doc, &w);
    Ok(download(
        "application/pdf",
        format!("inline; filename=\"{stem}.pdf\""),
        body,
    ))
}

pub async fn download_xlsx(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<CohortPath>,
) -> Result<Response, AppError> {
    let (doc, stem) = document(&state, &ctx, &member, p.id).await?;
    let w = Words::new(&state.i18n, ctx.lang);
    let body = reports::xlsx::render(&doc, &w)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("workbook: {e}")))?;
    Ok(download(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        format!("attachment; filename=\"{stem}.xlsx\""),
        body,
    ))
}
