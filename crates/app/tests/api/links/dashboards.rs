use amtfluencer::db::{self, links::NewLink};
use amtfluencer_domain::links::TargetUrl;
use axum::http::StatusCode;

use super::{ADMIN, FIREFOX, LINKS, TARGET, demo_clicks, follow, row_of, tenant};
use crate::support::TestApp;

const LEADERSHIP: &str = "leadership@musterstadt.example";
const COUNCIL: &str = "council@musterstadt.example";
const KATHARINA: &str = "katharina.brenner@musterstadt.example";
const JANA: &str = "jana.oberkamp@musterstadt.example";
const PILOT: &str = "from=2026-02-01&to=2026-07-31";

/// A number as the German pages write it.
fn de(n: i64) -> String {
    amtfluencer::web::pages::analytics::num(amtfluencer::i18n::Lang::De, n)
}

fn section<'a>(body: &'a str, id: &str) -> &'a str {
    let start = body.find(&format!("id=\"{id}\"")).expect("the section");
    let rest = &body[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

#[tokio::test]
async fn the_programme_dashboard_counts_the_authoritys_link_clicks_and_suppresses_one_persons() {
    for mut app in TestApp::demo_all().await {
        let (campaign, posts, people) = demo_clicks(&app, "2026-03-01", "2026-04-01").await;
        assert!(
            campaign > 0 && posts > 0 && people == 1,
            "the demo: {campaign} {posts} {people}"
        );
        let (all, ..) = demo_clicks(&app, "2026-02-01", "2026-08-01").await;
        for who in [ADMIN, LEADERSHIP, COUNCIL] {
            app.cookies.remove("amtf_session");
            app.login(who).await;
            let page = app
                .get(&format!("/t/musterstadt/analytics/programme?{PILOT}"))
                .await;
            assert_eq!(page.status, StatusCode::OK, "{who}");
            let table = section(&page.body, "link-clicks");
            let march = format!(
                "<td class=\"wrap\">03/2026</td><td class=\"wrap\">{}</td><td class=\"wrap\">weniger als fünf Personen</td>",
                de(campaign)
            );
            assert!(table.contains(&march), "{who}: {table}");
            assert!(
                !table.contains(&format!(">{}<", de(posts))),
                "{who}: one person's post-link clicks are not shown"
            );
            let total = format!("Kurzlinks wurden im Zeitraum {}-mal angeklickt.", de(all));
            assert!(page.body.contains(&total), "{who}: {total}");
            assert!(page.body.contains("nicht enthalten"));
        }
        assert_eq!(
            app.get(LINKS).await.status,
            StatusCode::FORBIDDEN,
            "council"
        );
    }
}

#[tokio::test]
async fn post_link_clicks_appear_in_sums_once_five_people_are_behind_them() {
    for mut app in TestApp::demo_all().await {
        let t = tenant(&app).await;
        let mut authors = Vec::new();
        let mut codes = Vec::new();
        for (post, author, ..) in crate::metrics::published_posts(&app, 100_000).await {
            if authors.contains(&author) || authors.len() == 5 {
                continue;
            }
            authors.push(author);
            let link = db::links::create(
                &app.tdb.db,
                t,
                NewLink {
                    label: format!("Beitragslink {author}"),
                    target: TargetUrl::parse(TARGET).unwrap(),
                    post_id: Some(post),
                    topic_id: None,
                },
            )
            .await
            .unwrap();
            codes.push(link.code);
        }
        let today = db::now().date_naive();
        let month = format!(
            "/t/musterstadt/analytics/programme?from={}&to={today}",
            today.format("%Y-%m-01")
        );
        app.login(ADMIN).await;
        for code in &codes[..4] {
            follow(
                &app,
                "GET",
                &format!("/l/{code}"),
                &[("user-agent", FIREFOX)],
            )
            .await;
        }
        let four = app.get(&month).await;
        assert!(
            section(&four.body, "link-clicks").contains("weniger als fünf Personen"),
            "four people"
        );
        follow(
            &app,
            "GET",
            &format!("/l/{}", codes[4]),
            &[("user-agent", FIREFOX)],
        )
        .await;
        let five = app.get(&month).await;
        let table = section(&five.body, "link-clicks");
        assert!(
            table.contains("<td class=\"wrap\">5</td>") && !table.contains("weniger als"),
            "five people: {table}"
        );
        // Per link, the team sees only the clicks of people who share their figures.
        let (sharing, _) = crate::metrics::sharing_and_not(&app).await;
        let list = app.get(LINKS).await;
        for author in &authors {
            let row = row_of(&list.body, &format!("Beitragslink {author}"));
            let shares = sharing.iter().any(|(id, _)| id == author);
            assert_eq!(
                row.contains("nicht freigegeben"),
                !shares,
                "{author}: {row}"
            );
            assert_eq!(row.contains("<td>1</td>"), shares, "{author}: {row}");
        }
    }
}

#[tokio::test]
async fn the_topics_dashboard_shows_clicks_per_topic() {
    for mut app in TestApp::demo_all().await {
        let t = tenant(&app).await;
        let job = db::links::list(&app.tdb.db, t)
            .await
            .unwrap()
            .into_iter()
            .find(|l| l.label.starts_with("Stellenanzeige Bauingenieurin"))
            .unwrap();
        let topic = db::topics::get(&app.tdb.db, t, job.topic_id.unwrap())
            .await
            .unwrap()
            .unwrap();
        let mut expected = 0;
        for (at, _) in super::clicks(&app, job.id).await {
            expected += i64::from(at.date_naive().to_string().as_str() <= "2026-07-31");
        }
        app.login(COUNCIL).await;
        let page = app
            .get(&format!("/t/musterstadt/analytics/topics?{PILOT}"))
            .await;
        let table = section(&page.body, "topic-links");
        let row = row_of(table, &topic.title);
        assert!(
            row.contains(&format!("<td class=\"wrap\">{}</td>", de(expected))),
            "{expected}: {row}"
        );
    }
}

#[tokio::test]
async fn an_amtfluencer_sees_the_clicks_of_links_in_their_own_posts_only() {
    for mut app in TestApp::demo_all().await {
        let (_, posts, _) = demo_clicks(&app, "2026-02-01", "2026-08-01").await;
        app.login(KATHARINA).await;
        let own = app
            .get(&format!("/t/musterstadt/analytics/personal?{PILOT}"))
            .await;
        assert_eq!(own.status, StatusCode::OK);
        let table = section(&own.body, "own-links");
        assert!(table.contains("Tag der offenen Tür im Rathaus"), "{table}");
        assert!(
            table.contains(&format!("<td class=\"wrap\">{}</td>", de(posts))),
            "{table}"
        );
        app.cookies.remove("amtf_session");
        app.login(JANA).await;
        let other = app
            .get(&format!("/t/musterstadt/analytics/personal?{PILOT}"))
            .await;
        assert_eq!(other.status, StatusCode::OK);
        assert!(!other.body.contains("Tag der offenen Tür"));
        assert!(section(&other.body, "own-links").contains("keine Kurzlinks"));
    }
}
