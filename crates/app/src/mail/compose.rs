//! The texts of the mails: German first, English below, every sentence from the catalogue
//! (`locales/*/mail.ftl`), laid out by `templates/emails/`.

use amtfluencer_domain::permissions::Role;
use askama::Template;

use crate::i18n::{I18n, Lang};
use crate::web::layout::role_key;

/// A mail's subject and plain-text body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    pub subject: String,
    pub text: String,
}

/// One language's part of a mail.
pub struct Section {
    pub greeting: String,
    pub intro: String,
    pub action: String,
    pub validity: String,
    pub ignore: String,
    pub signature: String,
}

#[derive(Template)]
#[template(path = "emails/message.txt")]
struct MessageText<'a> {
    sections: Vec<Section>,
    link: &'a str,
}

const LANGS: [Lang; 2] = [Lang::De, Lang::En];

/// What an invitation mail says.
pub struct Invitation<'a> {
    pub name: &'a str,
    pub inviter: &'a str,
    pub authority: &'a str,
    pub role: Role,
    pub link: &'a str,
}

pub fn invitation(i18n: &I18n, inv: &Invitation<'_>) -> anyhow::Result<Composed> {
    let sections = LANGS
        .iter()
        .map(|&lang| {
            let role = i18n.tr(lang, role_key(inv.role));
            let args = [
                ("name", inv.name),
                ("inviter", inv.inviter),
                ("authority", inv.authority),
                ("role", role.as_str()),
            ];
            section(i18n, lang, "mail-invite", &args)
        })
        .collect();
    let subject = subject(i18n, "mail-invite-subject", &[("authority", inv.authority)]);
    render(sections, inv.link, subject)
}

/// What a password-reset mail says.
pub struct PasswordReset<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub link: &'a str,
}

pub fn password_reset(i18n: &I18n, r: &PasswordReset<'_>) -> anyhow::Result<Composed> {
    let args = [("name", r.name), ("email", r.email)];
    let sections = LANGS
        .iter()
        .map(|&lang| section(i18n, lang, "mail-reset", &args))
        .collect();
    let subject = subject(i18n, "mail-reset-subject", &[]);
    render(sections, r.link, subject)
}

/// A mail of the usual shape (greeting, intro, action with the link, two closing lines) whose
/// sentences are the catalogue's `{prefix}-…` messages, filled with the same arguments.
pub fn message(
    i18n: &I18n,
    prefix: &str,
    args: &[(&str, &str)],
    link: &str,
) -> anyhow::Result<Composed> {
    let sections = LANGS
        .iter()
        .map(|&lang| section(i18n, lang, prefix, args))
        .collect();
    let subject = subject(i18n, &format!("{prefix}-subject"), args);
    render(sections, link, subject)
}

fn section(i18n: &I18n, lang: Lang, prefix: &str, args: &[(&str, &str)]) -> Section {
    let t = |part: &str| i18n.tr_args(lang, &format!("{prefix}-{part}"), args);
    Section {
        greeting: t("greeting"),
        intro: t("intro"),
        action: t("action"),
        validity: t("validity"),
        ignore: t("ignore"),
        signature: i18n.tr(lang, "mail-signature"),
    }
}

/// Both languages in the subject, German first.
fn subject(i18n: &I18n, key: &str, args: &[(&str, &str)]) -> String {
    format!(
        "{} / {}",
        i18n.tr_args(Lang::De, key, args),
        i18n.tr_args(Lang::En, key, args)
    )
}

fn render(sections: Vec<Section>, link: &str, subject: String) -> anyhow::Result<Composed> {
    let text = MessageText { sections, link }
        .render()
        .map_err(|e| anyhow::anyhow!("mail template: {e}"))?;
    Ok(Composed { subject, text })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_is_german_first_then_english_with_the_link_in_both() {
        let i18n = I18n::load().unwrap();
        let c = invitation(
            &i18n,
            &Invitation {
                name: "Anna Schmitz",
                inviter: "Sabine Krüger",
                authority: "Stadt Musterstadt am Rhein",
                role: Role::Ambassador,
                link: "https://a.example/invite/abc",
            },
        )
        .unwrap();
        assert!(c.subject.starts_with("Einladung"), "{}", c.subject);
        assert!(c.subject.contains(" / Invitation"), "{}", c.subject);
        let de = c.text.find("Guten Tag Anna Schmitz").unwrap();
        let en = c.text.find("Hello Anna Schmitz").unwrap();
        assert!(de < en, "{}", c.text);
        assert_eq!(c.text.matches("https://a.example/invite/abc\n").count(), 2);
        assert!(c.text.contains("Amtfluencer"), "{}", c.text);
        assert!(
            !c.text.contains("mail-"),
            "a key without a message:\n{}",
            c.text
        );
    }

    #[test]
    fn a_reset_mail_names_the_account_and_its_validity() {
        let i18n = I18n::load().unwrap();
        let c = password_reset(
            &i18n,
            &PasswordReset {
                name: "Petra Vogt",
                email: "council@musterstadt.example",
                link: "https://a.example/password/reset/abc",
            },
        )
        .unwrap();
        assert!(c.text.contains("council@musterstadt.example"), "{}", c.text);
        assert!(c.text.contains("eine Stunde"), "{}", c.text);
        assert!(c.text.contains("one hour"), "{}", c.text);
        assert!(!c.text.contains("mail-"), "{}", c.text);
    }
}
