//! The topic catalogue: figures, filters, proposals, curation (accept, merge, archive),
//! "ideas for you", the CRUD API and form errors that keep the typed values.

use amtfluencer::db;
use axum::http::StatusCode;
use serde_json::Value;

use crate::calendar::{ADMIN, AMBASSADOR, json, tenant, token};
use crate::support::TestApp;

const TOPICS: &str = "/t/musterstadt/topics";

#[tokio::test]
async fn the_catalogue_shows_the_demo_topics_with_aggregate_figures_and_filters() {
    for mut app in TestApp::demo_all().await {
        app.login(AMBASSADOR).await;
        let page = app.get(TOPICS).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Besuch auf der Baustelle"));
        assert!(
            page.body.contains("Ideen für dich"),
            "ideas for an ambassador"
        );
        let bauen = app.get(&format!("{TOPICS}?category=Bauen")).await;
        assert!(bauen.body.contains("Richtfest!") && !bauen.body.contains("Bewegte Pause"));
        let tag = app.get(&format!("{TOPICS}?tag=Azubi")).await;
        assert!(
            tag.body.contains("Azubi-Alltag in der Verwaltung") && !tag.body.contains("Richtfest!")
        );
        // Figures are aggregates: no names of people.
        assert!(!page.body.contains("Yıldırım"));
        let stats = db::topics::stats(&app.tdb.db, tenant(&app).await)
            .await
            .unwrap();
        let construction = db::topics::list(&app.tdb.db, tenant(&app).await)
            .await
            .unwrap();
        let bau = construction
            .iter()
            .find(|t| t.title == "Besuch auf der Baustelle")
            .unwrap();
        let s = &stats[&bau.id];
        assert!(s.uses >= s.measured && s.last_used.is_some());
        if s.measured >= db::topics::MIN_POSTS_FOR_FIGURES {
            assert!(s.median_impressions.unwrap() > 0);
        } else {
            assert!(s.median_impressions.is_none());
        }
    }
}

#[tokio::test]
async fn an_ambassador_proposes_and_the_team_accepts_merges_and_archives() {
    for mut app in TestApp::demo_all().await {
        app.login(AMBASSADOR).await;
        let new = format!("{TOPICS}/new");
        let res = app
            .post_form(
                &new,
                &new,
                &[
                    ("title", ""),
                    ("category", "Bauen"),
                    ("tags", "Baustelle"),
                    ("prompt", "Zeig die Kräne"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("Zeig die Kräne") && res.body.contains("value=\"Bauen\""));
        let res = app
            .post_form(
                &new,
                &new,
                &[
                    ("title", "Kräne über der Stadt"),
                    ("category", "Bauen"),
                    ("tags", "Baustelle, Einblick"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let topic = res.location.unwrap();
        assert!(app.get(&topic).await.body.contains("vorgeschlagen"));
        // Curation is the team's.
        assert_eq!(
            app.post_form(&topic, &format!("{topic}/status"), &[("status", "active")])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        app.cookies.remove("amtf_session");
        app.login(ADMIN).await;
        assert!(
            app.get(TOPICS)
                .await
                .body
                .contains("vorgeschlagene Themen warten")
        );
        let res = app
            .post_form(&topic, &format!("{topic}/status"), &[("status", "active")])
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        assert!(app.get(&topic).await.body.contains("aktiv"));
        // Merge a demo topic with posts into the new one: the posts move.
        let tid = tenant(&app).await;
        let all = db::topics::list(&app.tdb.db, tid).await.unwrap();
        let from = all
            .iter()
            .find(|t| t.title == "Richtfest!")
            .unwrap()
            .clone();
        let into = all
            .iter()
            .find(|t| t.title == "Kräne über der Stadt")
            .unwrap()
            .clone();
        let before = db::topics::stats(&app.tdb.db, tid).await.unwrap();
        let moved = before.get(&from.id).map_or(0, |s| s.uses + s.planned);
        let res = app
            .post_form(
                &topic,
                &format!("{TOPICS}/{}/merge", from.id),
                &[("into", &into.id.to_string())],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let after = db::topics::stats(&app.tdb.db, tid).await.unwrap();
        assert!(!after.contains_key(&from.id));
        assert_eq!(after.get(&into.id).map_or(0, |s| s.uses + s.planned), moved);
        assert!(
            app.get(&format!("{TOPICS}/{}", from.id))
                .await
                .body
                .contains("zusammengeführt")
        );
        let res = app
            .post_form(
                &topic,
                &format!("{topic}/status"),
                &[("status", "archived")],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        assert!(!app.get(TOPICS).await.body.contains("Kräne über der Stadt"));
        assert!(
            app.get(&format!("{TOPICS}?status=archived"))
                .await
                .body
                .contains("Kräne über der Stadt")
        );
    }
}

#[tokio::test]
async fn the_topics_api_creates_reads_updates_and_deletes() {
    for app in TestApp::demo_all().await {
        let amb = token(&app, AMBASSADOR).await;
        let res = json(
            &app,
            "POST",
            "/api/v1/topics",
            &amb,
            r#"{"title":"Mein Weg ins Amt","category":"Ausbildung","tags":["Karriere"]}"#,
        )
        .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        let v: Value = serde_json::from_str(&res.body).unwrap();
        assert_eq!(v["status"], "proposed");
        let id = v["id"].as_i64().unwrap();
        assert_eq!(
            json(
                &app,
                "PATCH",
                &format!("/api/v1/topics/{id}"),
                &amb,
                r#"{"status":"active"}"#
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        let team = token(&app, ADMIN).await;
        let res = json(
            &app,
            "PATCH",
            &format!("/api/v1/topics/{id}"),
            &team,
            r#"{"status":"active","tags":["Karriere","Azubi"]}"#,
        )
        .await;
        let v: Value = serde_json::from_str(&res.body).unwrap();
        assert_eq!(v["status"], "active");
        assert_eq!(v["tags"], serde_json::json!(["Karriere", "Azubi"]));
        let res = json(
            &app,
            "PATCH",
            &format!("/api/v1/topics/{id}"),
            &team,
            r#"{"title":""}"#,
        )
        .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("\"field\":\"title\""));
        let list = json(&app, "GET", "/api/v1/topics", &amb, "").await;
        let v: Vec<Value> = serde_json::from_str(&list.body).unwrap();
        assert!(v.len() >= 41);
        let bau = v
            .iter()
            .find(|t| t["title"] == "Besuch auf der Baustelle")
            .unwrap();
        assert!(bau["uses"].as_u64().unwrap() > 0);
        assert_eq!(
            json(&app, "DELETE", &format!("/api/v1/topics/{id}"), &team, "")
                .await
                .status,
            StatusCode::NO_CONTENT
        );
        assert_eq!(
            json(&app, "GET", &format!("/api/v1/topics/{id}"), &team, "")
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let council = token(&app, "council@musterstadt.example").await;
        assert_eq!(
            json(
                &app,
                "POST",
                "/api/v1/topics",
                &council,
                r#"{"title":"x","category":"y"}"#
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn the_openapi_document_lists_the_calendar_and_topics() {
    let mut app = TestApp::demo_all().await.remove(0);
    let doc = app.get("/api/v1/openapi.json").await.body;
    for path in [
        "/api/v1/calendar/holidays",
        "/api/v1/calendar/slots",
        "/api/v1/calendar/posts/{id}",
        "/api/v1/topics/{id}",
    ] {
        assert!(doc.contains(path), "{path}");
    }
}

fn median<T: Copy + PartialOrd>(mut v: Vec<T>, mean: fn(T, T) -> T) -> Option<T> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let mid = v.len() / 2;
    Some(if v.len().is_multiple_of(2) {
        mean(v[mid - 1], v[mid])
    } else {
        v[mid]
    })
}

/// The catalogue's figures (counted by the database and read from the dashboards' facts) are
/// what a plain count over every post and the largest of its snapshots gives, including a
/// planned post, a post with new, higher figures and one whose publishing failed.
#[tokio::test]
async fn the_catalogue_figures_agree_with_a_count_over_the_posts_and_their_snapshots() {
    use sea_orm::ConnectionTrait;
    for app in TestApp::demo_all().await {
        let db = &app.tdb.db;
        let tid = tenant(&app).await;
        let sql = |s: &str| sea_orm::Statement::from_string(db.get_database_backend(), s);
        // A published post planned again, one that failed, one with higher figures.
        let ids: Vec<i64> = db
            .query_all_raw(sql(
                "SELECT id FROM posts WHERE status = 'published' AND topic_id IS NOT NULL \
                 ORDER BY id LIMIT 3",
            ))
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get_by_index(0).unwrap())
            .collect();
        db.execute_raw(sql(&format!(
            "UPDATE posts SET status = 'scheduled', published_at = NULL WHERE id = {}",
            ids[0]
        )))
        .await
        .unwrap();
        db.execute_raw(sql(&format!(
            "UPDATE posts SET status = 'failed' WHERE id = {}",
            ids[1]
        )))
        .await
        .unwrap();
        db::metrics::insert_snapshot(
            db,
            tid,
            &db::metrics::NewSnapshot {
                post_id: ids[2],
                observed_at: chrono::Utc::now(),
                source: "manual",
                import_id: None,
                figures: db::metrics::Figures {
                    impressions: 99_999,
                    members_reached: None,
                    reactions: 500,
                    comments: 20,
                    reposts: 5,
                    clicks: Some(70),
                },
            },
        )
        .await
        .unwrap();

        let rows = db
            .query_all_raw(sql(&format!(
                "SELECT p.topic_id, p.status, p.published_at, \
                        (SELECT MAX(m.impressions) FROM post_metrics m WHERE m.post_id = p.id), \
                        (SELECT MAX(m.reactions) + MAX(m.comments) + MAX(m.reposts) \
                                + COALESCE(MAX(m.clicks), 0) \
                         FROM post_metrics m WHERE m.post_id = p.id) \
                 FROM posts p WHERE p.tenant_id = {} AND p.topic_id IS NOT NULL",
                tid.0
            )))
            .await
            .unwrap();
        let mut expected: std::collections::HashMap<i64, db::topics::TopicStats> =
            Default::default();
        let mut samples: std::collections::HashMap<i64, (Vec<i64>, Vec<f64>)> = Default::default();
        for r in &rows {
            let topic: i64 = r.try_get_by_index(0).unwrap();
            let status: String = r.try_get_by_index(1).unwrap();
            let at: Option<chrono::DateTime<chrono::Utc>> = r.try_get_by_index(2).unwrap();
            let imp: Option<i64> = r.try_get_by_index(3).unwrap();
            let inter: Option<i64> = r.try_get_by_index(4).unwrap();
            let s = expected.entry(topic).or_default();
            match at {
                Some(at) if status == "published" => {
                    s.uses += 1;
                    s.last_used = s.last_used.max(Some(at));
                    if let Some(imp) = imp {
                        s.measured += 1;
                        let e = samples.entry(topic).or_default();
                        e.0.push(imp);
                        if imp > 0 {
                            e.1.push(100.0 * inter.unwrap() as f64 / imp as f64);
                        }
                    }
                }
                _ => s.planned += 1,
            }
        }
        for (topic, (imp, eng)) in samples {
            let s = expected.get_mut(&topic).unwrap();
            if s.measured >= db::topics::MIN_POSTS_FOR_FIGURES {
                s.median_impressions = median(imp, |a, b| (a + b) / 2).map(|m| m as u64);
                s.median_engagement = median(eng, |a, b| (a + b) / 2.0);
            }
        }
        let stats = db::topics::stats(db, tid).await.unwrap();
        assert!(expected.values().any(|s| s.planned > 0));
        assert!(expected.values().any(|s| s.median_engagement.is_some()));
        assert_eq!(stats, expected);

        // The ideas' facts: the topics a person wrote about, and the colleagues' uses.
        let me = crate::calendar::ambassador_id(&app, AMBASSADOR).await;
        let person = db::ambassadors::get(db, tid, me).await.unwrap().unwrap();
        let (mine, department) = db::topics::idea_facts(db, tid, me, &person.department)
            .await
            .unwrap();
        let rows = db
            .query_all_raw(sql(&format!(
                "SELECT p.topic_id, p.ambassador_id = {me}, a.department = '{}' \
                 FROM posts p JOIN ambassadors a ON a.id = p.ambassador_id \
                 WHERE p.tenant_id = {} AND p.topic_id IS NOT NULL",
                person.department.replace('\'', "''"),
                tid.0
            )))
            .await
            .unwrap();
        let mut want_mine = std::collections::HashSet::new();
        let mut want_department: std::collections::HashMap<i64, u32> = Default::default();
        for r in &rows {
            let topic: i64 = r.try_get_by_index(0).unwrap();
            if r.try_get_by_index::<bool>(1).unwrap() {
                want_mine.insert(topic);
            } else if r.try_get_by_index::<bool>(2).unwrap() {
                *want_department.entry(topic).or_default() += 1;
            }
        }
        assert!(!want_mine.is_empty() && !want_department.is_empty());
        assert_eq!(mine, want_mine);
        assert_eq!(department, want_department);
    }
}
