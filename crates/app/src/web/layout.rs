//! What every page knows: the language, the catalogue, the CSRF token, who is signed in,
//! and the navigation of the authority the page belongs to.

use std::sync::Arc;

use amtfluencer_domain::permissions::{Permission, Role};
use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts};

use crate::i18n::{I18n, Lang};
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::session::{CsrfToken, LANG_COOKIE, Viewer, cookie};

/// An authority's navigation in display order: who sees the entry, its path below
/// `/t/{slug}/`, its message key. Entries a role may not use are not shown at all.
#[rustfmt::skip]
const MEMBER_NAV: &[(Permission, &str, &str)] = &[
    (Permission::ViewStart, "", "nav-start"),
    (Permission::ViewPeople, "people", "nav-people"),
    (Permission::EditOwnProfile, "me", "nav-me"),
    (Permission::EditOwnProfile, "publishing", "nav-publishing"),
    (Permission::EditOwnProfile, "connections", "nav-connections"),
    (Permission::ManageProgramme, "recruitment", "nav-recruitment"),
    (Permission::ViewAggregates, "cohorts", "nav-cohorts"),
    (Permission::ViewStart, "analytics", "nav-analytics"),
    (Permission::ImportMetrics, "imports", "nav-imports"),
    (Permission::ManageProgramme, "links", "nav-links"),
    (Permission::ViewStart, "events", "nav-events"),
    (Permission::ViewStart, "topics", "nav-topics"),
    (Permission::EditOwnProfile, "studio", "nav-studio"),
    (Permission::WritePosts, "calendar", "nav-calendar"),
    (Permission::ViewStart, "guidelines", "nav-guidelines"),
    (Permission::ManageProgramme, "reviews", "nav-reviews"),
];

/// The pages of the administration area (`/t/{slug}/admin`), reached through one navigation
/// entry, "Verwaltung", so that the bar stays short: who may use it, its path below
/// `/t/{slug}/`, its title and a one-line description (message keys).
#[rustfmt::skip]
pub const ADMIN_PAGES: &[(Permission, &str, &str, &str)] = &[
    (Permission::ManageProgramme, "invitations", "nav-invitations", "admin-invitations"),
    (Permission::ManageProgramme, "connections/team", "nav-connections-team", "admin-connections-team"),
    (Permission::ManageSettings, "settings/working-time", "nav-working-time", "admin-working-time"),
    (Permission::ManageSettings, "settings/studio", "nav-studio-settings", "admin-studio-settings"),
    (Permission::ManageSettings, "settings/sso", "nav-sso", "admin-sso"),
    (Permission::ViewAuditLog, "audit", "nav-audit", "admin-audit"),
    (Permission::ManageJobs, "jobs", "nav-jobs", "admin-jobs"),
];

pub struct NavItem {
    pub href: String,
    pub label: String,
    pub current: bool,
}

pub struct PageCtx {
    pub lang: Lang,
    pub i18n: Arc<I18n>,
    pub csrf: String,
    pub path: String,
    pub user_name: Option<String>,
    pub tenant_name: Option<String>,
    pub tenant_slug: Option<String>,
    pub role_label: Option<String>,
    pub nav: Vec<NavItem>,
}

impl PageCtx {
    /// A message from the catalogue in the page's language.
    pub fn t(&self, key: &str) -> String {
        self.i18n.tr(self.lang, key)
    }

    pub fn t1(&self, key: &str, name: &str, value: &str) -> String {
        self.i18n.tr_args(self.lang, key, &[(name, value)])
    }

    pub fn other_lang(&self) -> &'static str {
        self.lang.other().code()
    }

    pub fn signed_in_as(&self) -> Option<String> {
        self.user_name
            .as_deref()
            .map(|n| self.t1("signed-in-as", "name", n))
    }

    fn nav_items(&self, items: &[(String, &str)]) -> Vec<NavItem> {
        items
            .iter()
            .map(|(href, key)| NavItem {
                // An area's entry stays current on its sub-pages (`/t/x/people/7`).
                current: self.path == *href
                    || (!href.ends_with('/') && self.path.starts_with(&format!("{href}/"))),
                label: self.t(key),
                href: href.clone(),
            })
            .collect()
    }

    /// Adds the authority's name and navigation for a member's page.
    pub fn for_member(mut self, member: &Member) -> Self {
        let base = format!("/t/{}/", member.tenant.slug);
        self.tenant_name = Some(member.tenant.name.clone());
        self.tenant_slug = Some(member.tenant.slug.clone());
        self.role_label = Some(self.t(role_key(member.role)));
        let items: Vec<(String, &str)> = MEMBER_NAV
            .iter()
            .filter(|(p, _, _)| member.can(*p))
            .map(|(_, path, key)| (format!("{base}{path}"), *key))
            .collect();
        self.nav = self.nav_items(&items);
        let admin: Vec<String> = ADMIN_PAGES
            .iter()
            .filter(|(p, _, _, _)| member.can(*p))
            .map(|(_, path, _, _)| format!("{base}{path}"))
            .collect();
        if !admin.is_empty() {
            let hub = format!("{base}admin");
            let current = self.path == hub
                || admin
                    .iter()
                    .any(|a| self.path == *a || self.path.starts_with(&format!("{a}/")));
            self.nav.push(NavItem {
                href: hub,
                label: self.t("nav-admin"),
                current,
            });
        }
        self
    }

    /// The authority's slug on its pages (empty elsewhere).
    pub fn tenant_slug(&self) -> &str {
        self.tenant_slug.as_deref().unwrap_or("")
    }

    /// The operator's pages: the instance, not an authority.
    pub fn for_operator(mut self) -> Self {
        self.role_label = Some(self.t("role-operator"));
        self.nav = self.nav_items(&[
            ("/operator".to_owned(), "nav-tenants"),
            ("/operator/outbox".to_owned(), "nav-outbox"),
        ]);
        self
    }
}

pub fn role_key(role: Role) -> &'static str {
    match role {
        Role::Admin => "role-admin",
        Role::Ambassador => "role-ambassador",
        Role::Leadership => "role-leadership",
        Role::Council => "role-council",
        Role::Operator => "role-operator",
    }
}

/// The language of a request: the remembered choice, then the user's setting, then the
/// browser's preference, then German.
pub fn request_lang(parts: &Parts) -> Lang {
    cookie(&parts.headers, LANG_COOKIE)
        .and_then(|c| Lang::parse(&c))
        .or_else(|| {
            parts
                .extensions
                .get::<Viewer>()
                .and_then(|v| v.user.locale.as_deref())
                .and_then(Lang::parse)
        })
        .or_else(|| {
            parts
                .headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

impl PageCtx {
    /// The context of any page; the navigation is the general one until a page narrows it to
    /// an authority or the operator's view.
    pub fn from_parts(parts: &Parts, state: &AppState) -> Self {
        let viewer = parts.extensions.get::<Viewer>();
        let mut ctx = Self {
            lang: request_lang(parts),
            i18n: state.i18n.clone(),
            csrf: parts
                .extensions
                .get::<CsrfToken>()
                .map(|c| c.0.clone())
                .unwrap_or_default(),
            path: parts.uri.path().to_owned(),
            user_name: viewer.map(|v| v.user.display_name.clone()),
            tenant_name: None,
            tenant_slug: None,
            role_label: None,
            nav: Vec::new(),
        };
        ctx.nav = if viewer.is_some() {
            ctx.nav_items(&[("/".to_owned(), "nav-start")])
        } else {
            ctx.nav_items(&[("/login".to_owned(), "nav-login")])
        };
        ctx
    }
}

impl FromRequestParts<AppState> for PageCtx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self::from_parts(parts, state))
    }
}
