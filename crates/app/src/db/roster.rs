//! The people import: what a checked file would change (new people, changed fields, nothing),
//! and applying exactly that in one transaction. A person is the same person when the e-mail
//! address is the same; importing the same file twice changes nothing the second time.

use std::collections::HashMap;

use amtfluencer_domain::people_import::{Column, Person, Row, RowProblem};
use amtfluencer_domain::programme::{AmbassadorStatus, Track};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::entities::ambassador::{self, Column as C, Entity as Ambassadors};
use super::entities::cohort;
use super::now;
use crate::tenancy::TenantId;

/// The fields of a person that an import may set, in the order of the preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    FirstName,
    LastName,
    Department,
    JobTitle,
    Track,
    Cohort,
    LinkedIn,
}

impl Field {
    pub fn key(self) -> &'static str {
        match self {
            Field::FirstName => Column::FirstName.key(),
            Field::LastName => Column::LastName.key(),
            Field::Department => Column::Department.key(),
            Field::JobTitle => Column::JobTitle.key(),
            Field::Track => Column::Track.key(),
            Field::Cohort => Column::Cohort.key(),
            Field::LinkedIn => Column::LinkedIn.key(),
        }
    }
}

/// What one row of the file will do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Create,
    Update { id: i64, fields: Vec<Field> },
    Unchanged,
    Invalid(Vec<RowProblem>),
}

#[derive(Debug, Clone)]
pub struct PlannedRow {
    pub line: usize,
    pub typed_name: String,
    pub typed_email: String,
    pub person: Option<Person>,
    pub cohort_id: Option<i64>,
    pub action: Action,
}

/// The whole import as it would run.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub rows: Vec<PlannedRow>,
}

impl Plan {
    pub fn count(&self, f: impl Fn(&Action) -> bool) -> usize {
        self.rows.iter().filter(|r| f(&r.action)).count()
    }

    pub fn has_errors(&self) -> bool {
        self.count(|a| matches!(a, Action::Invalid(_))) > 0
    }

    pub fn has_changes(&self) -> bool {
        self.count(|a| matches!(a, Action::Create | Action::Update { .. })) > 0
    }
}

/// Compares the file's rows with the people and cohorts of the authority.
pub async fn plan(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    rows: Vec<Row>,
) -> Result<Plan, DbErr> {
    let people: HashMap<String, ambassador::Model> = Ambassadors::find()
        .filter(C::TenantId.eq(tenant.0))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|a| Some((a.email.clone()?.to_lowercase(), a)))
        .collect();
    let cohorts: HashMap<String, i64> = cohort::Entity::find()
        .filter(cohort::Column::TenantId.eq(tenant.0))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.name.to_lowercase(), c.id))
        .collect();
    let rows = rows
        .into_iter()
        .map(|row| {
            let (line, typed_name, typed_email) = (row.line, row.typed_name, row.typed_email);
            let planned = match row.result {
                Err(problems) => PlannedRow {
                    line,
                    typed_name: String::new(),
                    typed_email: String::new(),
                    person: None,
                    cohort_id: None,
                    action: Action::Invalid(problems),
                },
                Ok(p) => plan_row(line, p, &people, &cohorts),
            };
            PlannedRow {
                typed_name,
                typed_email,
                ..planned
            }
        })
        .collect();
    Ok(Plan { rows })
}

fn plan_row(
    line: usize,
    p: Person,
    people: &HashMap<String, ambassador::Model>,
    cohorts: &HashMap<String, i64>,
) -> PlannedRow {
    let cohort_id = match &p.cohort {
        None => None,
        Some(name) => match cohorts.get(&name.to_lowercase()) {
            Some(id) => Some(*id),
            None => {
                return PlannedRow {
                    line,
                    typed_name: String::new(),
                    typed_email: String::new(),
                    person: Some(p),
                    cohort_id: None,
                    action: Action::Invalid(vec![RowProblem {
                        column: Column::Cohort,
                        key: "import-error-cohort",
                    }]),
                };
            }
        },
    };
    let action = match people.get(p.email.as_str()) {
        None => Action::Create,
        Some(a) => {
            let mut fields = Vec::new();
            let mut differs = |f: Field, same: bool| {
                if !same {
                    fields.push(f);
                }
            };
            differs(Field::FirstName, a.first_name == p.first_name);
            differs(Field::LastName, a.last_name == p.last_name);
            differs(Field::Department, a.department == p.department);
            differs(
                Field::JobTitle,
                p.job_title.is_empty() || a.job_title == p.job_title,
            );
            differs(Field::Track, p.track.is_none_or(|t| a.track == t.as_str()));
            differs(
                Field::Cohort,
                cohort_id.is_none() || a.cohort_id == cohort_id,
            );
            differs(
                Field::LinkedIn,
                p.linkedin
                    .as_ref()
                    .is_none_or(|l| a.linkedin_url.as_deref() == Some(l.as_str())),
            );
            if fields.is_empty() {
                Action::Unchanged
            } else {
                Action::Update { id: a.id, fields }
            }
        }
    };
    PlannedRow {
        line,
        typed_name: String::new(),
        typed_email: String::new(),
        person: Some(p),
        cohort_id,
        action,
    }
}

/// Counts of what an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
}

/// Writes the plan (the caller runs it in a transaction and has checked it has no errors).
pub async fn apply(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    plan: &Plan,
) -> Result<Applied, DbErr> {
    let t = now();
    let mut done = Applied::default();
    for row in &plan.rows {
        let Some(p) = &row.person else { continue };
        match &row.action {
            Action::Create => {
                let m = ambassador::ActiveModel {
                    tenant_id: Set(tenant.0),
                    first_name: Set(p.first_name.clone()),
                    last_name: Set(p.last_name.clone()),
                    email: Set(Some(p.email.as_str().to_owned())),
                    department: Set(p.department.clone()),
                    job_title: Set(p.job_title.clone()),
                    track: Set(p.track.unwrap_or(Track::Employee).as_str().to_owned()),
                    gender: Set(None),
                    birth_year: Set(None),
                    user_id: Set(None),
                    cohort_id: Set(row.cohort_id),
                    status: Set(AmbassadorStatus::Onboarding.as_str().to_owned()),
                    paused_until: Set(None),
                    monthly_goal: Set(2),
                    linkedin_url: Set(p.linkedin.as_ref().map(|l| l.as_str().to_owned())),
                    bio: Set(String::new()),
                    ask_me_about: Set("[]".to_owned()),
                    public_profile: Set(false),
                    created_at: Set(t),
                    updated_at: Set(t),
                    ..Default::default()
                };
                Ambassadors::insert(m).exec(db).await?;
                done.created += 1;
            }
            Action::Update { id, fields } => {
                let mut m = ambassador::ActiveModel {
                    updated_at: Set(t),
                    ..Default::default()
                };
                for f in fields {
                    match f {
                        Field::FirstName => m.first_name = Set(p.first_name.clone()),
                        Field::LastName => m.last_name = Set(p.last_name.clone()),
                        Field::Department => m.department = Set(p.department.clone()),
                        Field::JobTitle => m.job_title = Set(p.job_title.clone()),
                        Field::Track => {
                            m.track = Set(p.track.unwrap_or(Track::Employee).as_str().to_owned())
                        }
                        Field::Cohort => m.cohort_id = Set(row.cohort_id),
                        Field::LinkedIn => {
                            m.linkedin_url = Set(p.linkedin.as_ref().map(|l| l.as_str().to_owned()))
                        }
                    }
                }
                Ambassadors::update_many()
                    .set(m)
                    .filter(C::TenantId.eq(tenant.0))
                    .filter(C::Id.eq(*id))
                    .exec(db)
                    .await?;
                done.updated += 1;
            }
            Action::Unchanged => done.unchanged += 1,
            Action::Invalid(_) => {}
        }
    }
    Ok(done)
}
