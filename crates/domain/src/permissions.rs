//! Roles and permissions: the one matrix that every handler asks.
//!
//! Roles are held per authority (tenant) through a membership; the instance operator is a
//! property of the user and stands above the authorities without seeing their content.

crate::text_enum! {
    /// A person's role in one authority, or the operator of the whole instance.
    pub enum Role {
        /// The programme team (comms and HR).
        Admin = "admin",
        /// An Amtfluencer: writes and posts, sees their own figures.
        Ambassador = "ambassador",
        /// Leadership, e.g. the mayor: aggregate outcomes and decisions.
        Leadership = "leadership",
        /// Staff council or data-protection officer: read-only, aggregates and audit log.
        Council = "council",
        /// The municipal IT provider hosting the instance.
        Operator = "operator",
    }
}

crate::text_enum! {
    /// Something a member may do.
    pub enum Permission {
        ViewStart = "view_start",
        ManageProgramme = "manage_programme",
        ViewPeople = "view_people",
        EditOwnProfile = "edit_own_profile",
        WritePosts = "write_posts",
        ReviewPosts = "review_posts",
        ProposeTopics = "propose_topics",
        EditTopics = "edit_topics",
        ViewOwnFigures = "view_own_figures",
        ViewAggregates = "view_aggregates",
        ImportMetrics = "import_metrics",
        DecideCohort = "decide_cohort",
        ViewAuditLog = "view_audit_log",
        ViewProcessingRecord = "view_processing_record",
        ManageSettings = "manage_settings",
        ManageJobs = "manage_jobs",
        ManageTenants = "manage_tenants",
    }
}

use Permission as P;

/// The matrix: which role holds which permission. `docs/permissions.md` shows it as a table.
pub fn allows(role: Role, permission: Permission) -> bool {
    match role {
        Role::Admin => !matches!(
            permission,
            P::DecideCohort | P::ManageTenants | P::ViewOwnFigures | P::EditOwnProfile
        ),
        Role::Ambassador => matches!(
            permission,
            P::ViewStart | P::EditOwnProfile | P::WritePosts | P::ProposeTopics | P::ViewOwnFigures
        ),
        Role::Leadership => matches!(
            permission,
            P::ViewStart | P::ViewAggregates | P::DecideCohort
        ),
        Role::Council => matches!(
            permission,
            P::ViewStart | P::ViewAggregates | P::ViewAuditLog | P::ViewProcessingRecord
        ),
        Role::Operator => matches!(permission, P::ManageTenants),
    }
}

/// The roles a membership in an authority can hold (the operator is not one of them).
pub const MEMBER_ROLES: [Role; 4] = [
    Role::Admin,
    Role::Ambassador,
    Role::Leadership,
    Role::Council,
];

/// The matrix as a Markdown table (rows: permissions, columns: roles); `docs/permissions.md`
/// holds exactly this table, and a test keeps the two the same.
pub fn matrix_markdown() -> String {
    let mut out = String::from("| Permission |");
    for r in Role::ALL {
        out.push_str(&format!(" {r} |"));
    }
    out.push_str("\n|---|");
    for _ in Role::ALL {
        out.push_str(":---:|");
    }
    for p in Permission::ALL {
        out.push_str(&format!("\n| `{p}` |"));
        for r in Role::ALL {
            out.push_str(if allows(*r, *p) { " ✓ |" } else { " – |" });
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_matrix_is_the_one_in_the_code() {
        let doc = include_str!("../../../docs/permissions.md");
        assert!(
            doc.contains(&matrix_markdown()),
            "docs/permissions.md is out of date; it must contain:\n{}",
            matrix_markdown()
        );
    }

    #[test]
    fn every_member_role_may_see_the_start_page() {
        for role in MEMBER_ROLES {
            assert!(allows(role, P::ViewStart), "{role}");
        }
    }

    #[test]
    fn only_leadership_decides_on_a_cohort() {
        for role in Role::ALL {
            assert_eq!(allows(*role, P::DecideCohort), *role == Role::Leadership);
        }
    }

    #[test]
    fn the_council_never_gets_per_person_figures_or_write_access() {
        for p in [
            P::ViewPeople,
            P::ViewOwnFigures,
            P::WritePosts,
            P::ManageProgramme,
        ] {
            assert!(!allows(Role::Council, p), "{p}");
        }
    }

    #[test]
    fn the_operator_manages_tenants_but_sees_no_programme_content() {
        assert!(allows(Role::Operator, P::ManageTenants));
        for p in Permission::ALL.iter().filter(|p| **p != P::ManageTenants) {
            assert!(!allows(Role::Operator, *p), "{p}");
        }
    }

    #[test]
    fn an_ambassador_cannot_manage_the_programme() {
        assert!(!allows(Role::Ambassador, P::ManageProgramme));
        assert!(!allows(Role::Ambassador, P::ViewPeople));
        assert!(allows(Role::Ambassador, P::WritePosts));
    }
}
