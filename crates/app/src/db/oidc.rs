//! Single sign-on settings of the authorities, sign-ins in progress and linked identities.

use sea_orm::{ConnectionTrait, DbErr};

/// Authorities whose members can sign in with their organisation's account, as
/// (authority name, slug), for the login page.
pub async fn login_choices(_db: &impl ConnectionTrait) -> Result<Vec<(String, String)>, DbErr> {
    Ok(Vec::new())
}
