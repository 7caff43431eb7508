//! The command line: `serve`, `migrate`, `demo`, `tenant create`, `user create`, `backup`,
//! `restore`, `check-config`. Every failure ends in one clear line and a non-zero exit code.

use std::path::PathBuf;

use amtfluencer_domain::types::{FederalState, Slug, required_text};
use anyhow::bail;
use clap::{Args, Parser, Subcommand};

use crate::config::{Config, Overrides};
use crate::{backup, db, demo, server, telemetry};

mod accounts;

use accounts::{create_token, create_user};

#[derive(Parser, Debug)]
#[command(
    name = "amtfluencer",
    version,
    about = "Amtfluencer: the workbench for a public authority's corporate-influencer programme.",
    long_about = "Amtfluencer runs a public authority's corporate-influencer programme: people, \
                  topics, planning, writing, publishing and honest measurement.\n\n\
                  Configuration: flags > AMTFLUENCER_* environment > amtfluencer.toml > defaults."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Debug, Clone)]
pub struct GlobalArgs {
    /// Database URL: sqlite://FILE (default sqlite://amtfluencer.db) or postgres://USER:PASS@HOST/DB.
    #[arg(long, global = true, value_name = "URL")]
    pub database_url: Option<String>,
    /// Configuration file (default: amtfluencer.toml in the working directory, if present).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Log format: text (default) or json.
    #[arg(long, global = true, value_name = "FORMAT")]
    pub log_format: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the web UI, the API and the background jobs.
    Serve {
        /// Seed the fictional demo authority (Musterstadt) if it is not there yet.
        #[arg(long)]
        demo: bool,
        /// Address to listen on (default 127.0.0.1:8080).
        #[arg(long, value_name = "ADDR")]
        bind: Option<String>,
        /// Do not run background jobs in this instance.
        #[arg(long)]
        no_worker: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Seed the demo authority into the database.
    Demo {
        /// Seed the same authority N times larger (N×18 people, longer history), for benchmarks.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1000))]
        scale: u32,
    },
    /// Manage authorities (tenants).
    #[command(subcommand)]
    Tenant(TenantCommand),
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Personal API tokens for scripts and integrations.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Back up the database (an online, consistent SQLite copy) and the photos of a folder
    /// media store into a new folder, with a manifest of every file's SHA-256.
    Backup {
        /// A new or empty folder. A path ending in .db, .sqlite or .sqlite3 writes the SQLite
        /// database alone, as one file (no photos).
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
    },
    /// Restore the database and the photos from a backup folder (stop Amtfluencer first).
    Restore {
        /// The backup folder written by `backup --to DIR`.
        #[arg(long, value_name = "DIR")]
        from: PathBuf,
        /// Replace an existing database and differing photos; both are kept aside
        /// (<file>.before-restore-<time>), never deleted.
        #[arg(long)]
        replace: bool,
    },
    /// Check the configuration and the database connection, print the effective settings.
    CheckConfig,
}

#[derive(Subcommand, Debug)]
pub enum TenantCommand {
    /// Create an authority.
    Create {
        /// URL name, e.g. musterstadt (lowercase letters, digits, hyphens).
        #[arg(long)]
        slug: String,
        /// Display name, e.g. "Stadt Musterstadt am Rhein".
        #[arg(long)]
        name: String,
        /// Federal state code for public holidays: BW, BY, BE, BB, HB, HH, HE, MV, NI, NW, RP, SL, SN, ST, SH, TH.
        #[arg(long)]
        state: String,
        /// IANA time zone.
        #[arg(long, default_value = "Europe/Berlin")]
        time_zone: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create a user with a role in an authority (or an instance operator).
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// The authority's slug (not needed for --role operator).
        #[arg(long)]
        tenant: Option<String>,
        /// admin (programme team), ambassador, leadership, council or operator.
        #[arg(long)]
        role: String,
        /// Read the password from the first line of standard input; otherwise one is generated
        /// and printed once.
        #[arg(long)]
        password_stdin: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum TokenCommand {
    /// Create a personal API token for a member of an authority and print it (once).
    Create {
        /// The authority's slug.
        #[arg(long)]
        tenant: String,
        /// The member's email address.
        #[arg(long)]
        email: String,
        /// read (default) or write.
        #[arg(long, default_value = "read")]
        scope: String,
        /// Validity in days (1 to 365).
        #[arg(long, default_value_t = 90, value_parser = clap::value_parser!(i64).range(1..=365))]
        days: i64,
        /// A name to recognise the token by.
        #[arg(long, default_value = "Kommandozeile")]
        name: String,
    },
}

impl Cli {
    fn overrides(&self) -> Overrides {
        let mut o = Overrides {
            config_file: self.global.config.clone(),
            database_url: self.global.database_url.clone(),
            log_format: self.global.log_format.clone(),
            ..Default::default()
        };
        if let Command::Serve {
            demo,
            bind,
            no_worker,
        } = &self.command
        {
            o.demo = *demo;
            o.bind.clone_from(bind);
            o.worker = no_worker.then_some(false);
        }
        o
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = Config::from_env(&cli.overrides())?;
    telemetry::init(config.log_format);
    match cli.command {
        Command::Serve { .. } => server::serve(config).await,
        Command::Migrate => {
            let db = db::connect(&config.database_url).await?;
            let n = db::migrate(&db).await?;
            println!("{n} migration(s) applied; the schema is up to date.");
            Ok(())
        }
        Command::Demo { scale } => {
            let db = open(&config).await?;
            let started = std::time::Instant::now();
            let r = demo::seed(&db, scale).await?;
            if r.skipped {
                println!("The demo authority exists already; nothing was changed.");
            } else {
                println!(
                    "Seeded the demo authority (scale {scale}): {} ambassadors, {} posts, {} metric snapshots, {} page days in {:.1} s.",
                    r.ambassadors,
                    r.posts,
                    r.snapshots,
                    r.page_days,
                    started.elapsed().as_secs_f64()
                );
            }
            Ok(())
        }
        Command::Tenant(TenantCommand::Create {
            slug,
            name,
            state,
            time_zone,
        }) => {
            let slug = Slug::parse(&slug).map_err(|e| anyhow::anyhow!("--slug {e}"))?;
            let name = required_text(&name, 200).map_err(|e| anyhow::anyhow!("--name {e}"))?;
            let federal_state: FederalState = state.parse().map_err(|_| {
                anyhow::anyhow!(
                    "--state {state:?} is not a German federal state code (e.g. NW, BY, BE)"
                )
            })?;
            let db = open(&config).await?;
            if db::tenants::by_slug(&db, slug.as_str()).await?.is_some() {
                bail!("an authority with the slug {slug} exists already");
            }
            let t = db::tenants::create(
                &db,
                db::tenants::NewTenant {
                    slug,
                    name,
                    federal_state,
                    time_zone,
                },
            )
            .await?;
            println!(
                "Created authority {} ({}) at /t/{}/",
                t.name, t.federal_state, t.slug
            );
            Ok(())
        }
        Command::User(UserCommand::Create {
            email,
            name,
            tenant,
            role,
            password_stdin,
        }) => {
            create_user(
                &config,
                &email,
                &name,
                tenant.as_deref(),
                &role,
                password_stdin,
            )
            .await
        }
        Command::Token(TokenCommand::Create {
            tenant,
            email,
            scope,
            days,
            name,
        }) => create_token(&config, &tenant, &email, &scope, days, &name).await,
        Command::Backup { to } => {
            print!("{}", backup::create(&config, &to).await?);
            Ok(())
        }
        Command::Restore { from, replace } => {
            print!("{}", backup::restore(&config, &from, replace).await?);
            Ok(())
        }
        Command::CheckConfig => {
            println!("{config}");
            let db = db::connect(&config.database_url).await?;
            let known = amtfluencer_migration::known_migrations().len();
            println!("database     = reachable");
            println!("migrations   = {known} known to this binary");
            db.close().await.ok();
            println!("Configuration is valid.");
            Ok(())
        }
    }
}

async fn open(config: &Config) -> anyhow::Result<sea_orm::DatabaseConnection> {
    let db = db::connect(&config.database_url).await?;
    db::migrate(&db).await?;
    Ok(db)
}
