//! Figures: imports of export files written here as LinkedIn lays them out, matching, the
//! double-import guard, and the privacy rules of the dashboards and the API per role.

mod api_imports;
mod dashboards;
mod figures;
mod imports;
mod kept_facts;
mod privacy;

use amtfluencer::db;
use amtfluencer::tenancy::TenantId;
use rust_xlsxwriter::Workbook;
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};

use crate::support::TestApp;

pub const ADMIN: &str = "admin@musterstadt.example";

/// A cell of a test workbook: text, number or empty.
pub enum C {
    T(&'static str),
    S(String),
    N(f64),
    E,
}

/// An XLSX workbook of named sheets of rows.
pub fn xlsx(sheets: &[(&str, Vec<Vec<C>>)]) -> Vec<u8> {
    let mut book = Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    C::T(t) => {
                        sheet.write_string(r, c, *t).unwrap();
                    }
                    C::S(t) => {
                        sheet.write_string(r, c, t).unwrap();
                    }
                    C::N(n) => {
                        sheet.write_number(r, c, *n).unwrap();
                    }
                    C::E => {}
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

pub async fn tenant(app: &TestApp) -> TenantId {
    crate::cohorts::tenant(app).await
}

/// A published demo post: (id, ambassador id, external URL, published day as MM/DD/YYYY).
pub async fn published_posts(app: &TestApp, n: u64) -> Vec<(i64, i64, String, String)> {
    let t = tenant(app).await;
    let stmt = Query::select()
        .columns(["id", "ambassador_id", "external_url", "published_at"])
        .from("posts")
        .and_where(Expr::col("tenant_id").eq(t.0))
        .and_where(Expr::col("status").eq("published"))
        .order_by("id", Order::Asc)
        .limit(n)
        .to_owned();
    app.tdb
        .db
        .query_all(&stmt)
        .await
        .unwrap()
        .iter()
        .map(|r| {
            let at: chrono::DateTime<chrono::Utc> = r.try_get("", "published_at").unwrap();
            (
                r.try_get("", "id").unwrap(),
                r.try_get("", "ambassador_id").unwrap(),
                r.try_get("", "external_url").unwrap(),
                at.format("%m/%d/%Y").to_string(),
            )
        })
        .collect()
}

/// The largest impressions stored for a post, per source.
pub async fn impressions(app: &TestApp, post_id: i64, source: &str) -> Option<i64> {
    let t = tenant(app).await;
    let stmt = Query::select()
        .expr_as(Expr::col("impressions").max(), "m")
        .from("post_metrics")
        .and_where(Expr::col("tenant_id").eq(t.0))
        .and_where(Expr::col("post_id").eq(post_id))
        .and_where(Expr::col("source").eq(source))
        .to_owned();
    let row = app.tdb.db.query_one(&stmt).await.unwrap()?;
    row.try_get::<Option<i64>>("", "m").unwrap()
}

/// Rows of a table of this authority.
pub async fn count(app: &TestApp, table: &'static str) -> i64 {
    let t = tenant(app).await;
    let stmt = Query::select()
        .expr_as(Expr::col("id").count(), "n")
        .from(table)
        .and_where(Expr::col("tenant_id").eq(t.0))
        .to_owned();
    app.tdb
        .db
        .query_one(&stmt)
        .await
        .unwrap()
        .unwrap()
        .try_get("", "n")
        .unwrap()
}

/// People of the demo with and without the consent to share figures with the team, who posted.
pub async fn sharing_and_not(app: &TestApp) -> (Vec<(i64, String)>, Vec<(i64, String)>) {
    let t = tenant(app).await;
    let stmt = Query::select()
        .column("ambassador_id")
        .from("consents")
        .and_where(Expr::col("tenant_id").eq(t.0))
        .and_where(Expr::col("kind").eq("figures_to_team"))
        .to_owned();
    let sharing: Vec<i64> = app
        .tdb
        .db
        .query_all(&stmt)
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get("", "ambassador_id").unwrap())
        .collect();
    let posted: Vec<i64> = published_posts(app, 100_000)
        .await
        .into_iter()
        .map(|p| p.1)
        .collect();
    let people = db::ambassadors::list(&app.tdb.db, t).await.unwrap();
    let (a, b): (Vec<_>, Vec<_>) = people
        .into_iter()
        .filter(|p| posted.contains(&p.id))
        .map(|p| (p.id, format!("{} {}", p.first_name, p.last_name)))
        .partition(|(id, _)| sharing.contains(id));
    (a, b)
}

#[tokio::test]
async fn the_openapi_document_describes_the_import_and_analytics_endpoints() {
    let doc = serde_json::to_value(amtfluencer::web::api::document()).unwrap();
    for path in [
        "/api/v1/imports",
        "/api/v1/analytics/summary",
        "/api/v1/analytics/topics",
        "/api/v1/analytics/page-effect",
    ] {
        assert!(doc["paths"][path].is_object(), "{path}");
    }
    assert!(doc["components"]["schemas"]["ImportAnswer"].is_object());
    assert!(doc["components"]["schemas"]["Figures"]["properties"]["suppressed"].is_object());
}
