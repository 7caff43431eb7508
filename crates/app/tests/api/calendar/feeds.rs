//! Calendar feeds: a private link per person and one for the team, valid iCalendar, reset
//! makes the old link stop working.

use axum::http::StatusCode;
use icalendar::{Calendar, CalendarComponent, Component};

use super::{ADMIN, AMBASSADOR};
use crate::support::TestApp;

const FEED: &str = "/t/musterstadt/calendar/feed";

fn link(body: &str) -> String {
    let marker = "id=\"feed-url\" class=\"mono\" type=\"text\" readonly value=\"";
    let start = body.find(marker).unwrap() + marker.len();
    let url = &body[start..];
    let url = &url[..url.find('"').unwrap()];
    url[url.find("/feeds/").unwrap()..].to_owned()
}

fn summaries(ics: &str) -> Vec<String> {
    let cal: Calendar = ics.parse().unwrap();
    cal.components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => {
                assert!(e.get_start().is_some() && e.get_end().is_some());
                e.get_summary().map(str::to_owned)
            }
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn a_person_subscribes_to_their_posts_and_events_and_a_reset_ends_the_old_link() {
    for mut app in TestApp::demo_all().await {
        app.login(AMBASSADOR).await;
        app.post_form(
            "/t/musterstadt/calendar/plan",
            "/t/musterstadt/calendar/plan",
            &[("topic", "5"), ("date", "2027-01-12"), ("time", "10:00")],
        )
        .await;
        let page = app.post_form(FEED, FEED, &[]).await;
        assert_eq!(page.status, StatusCode::OK);
        let first = link(&page.body);
        let res = app.get(&first).await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(
            res.headers[axum::http::header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/calendar")
        );
        let s = summaries(&res.body);
        assert!(
            s.iter().any(|x| x.starts_with("LinkedIn-Beitrag: ")),
            "{s:?}"
        );
        assert!(
            s.iter().any(|x| x.starts_with("Auftaktworkshop")),
            "invited events: {s:?}"
        );
        assert!(
            !s.iter().any(|x| x.contains("Brenner")),
            "no names in a person's own feed"
        );
        // The team's feed has names; an ambassador's feed only their own posts.
        let own_posts = s
            .iter()
            .filter(|x| x.starts_with("LinkedIn-Beitrag"))
            .count();
        let page = app.post_form(FEED, FEED, &[]).await;
        let second = link(&page.body);
        assert_ne!(first, second);
        assert_eq!(app.get(&first).await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get(&second).await.status, StatusCode::OK);
        app.cookies.remove("amtf_session");
        app.login(ADMIN).await;
        let team = link(&app.post_form(FEED, FEED, &[]).await.body);
        app.cookies.remove("amtf_session");
        let res = app.get(&team).await;
        let s = summaries(&res.body);
        assert!(
            s.iter()
                .filter(|x| x.starts_with("LinkedIn-Beitrag"))
                .count()
                > own_posts
        );
        assert!(s.iter().any(|x| x.contains("(Katharina Brenner)")));
        assert_eq!(
            app.get("/feeds/not-a-token").await.status,
            StatusCode::NOT_FOUND
        );
    }
}
