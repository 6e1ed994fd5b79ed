//! A small virsh: a subset of its commands, built on the typed blocking
//! API ([`libvirt_client::api::blocking`]), whose standard output matches
//! the real `virsh` (libvirt 9.0.0) byte for byte on the same daemon.
//!
//! ```text
//! cargo run -p libvirt-client --example virsh -- -c 'test+tcp://127.0.0.1:16519/default' list --all
//! ```
//!
//! Global options: `-c URI` (else `VIRSH_DEFAULT_CONNECT_URI`, else
//! `LIBVIRT_DEFAULT_URI` or the local daemon), `-r` (read-only), `-q`
//! (quiet). Commands: `version [--daemon]`, `list [--all] [--inactive]
//! [--name] [--uuid]`, `dominfo DOMAIN`, `domstate DOMAIN [--reason]`,
//! `nodeinfo`, `capabilities`, `net-list` and `pool-list` (`--all`,
//! `--inactive`, `--name`, `--uuid`), `vol-list POOL`, `start DOMAIN
//! [--paused]`, `destroy DOMAIN`, `define FILE`, `undefine DOMAIN`;
//! statistics: `domstats [--GROUP]... [--list-FILTER]... [--raw]
//! [--enforce] [--backing] [--nowait] [DOMAIN]...`, `dommemstat DOMAIN
//! [--period N] [--config|--live|--current]`, `domblkstat DOMAIN [DEVICE]
//! [--human]`, `domifstat DOMAIN INTERFACE`, `nodememstats [--cell N]`,
//! `nodecpustats [--cpu N] [--percent]`; tuning: `schedinfo DOMAIN
//! [--set NAME=VALUE]... [--weight N] [--cap N]
//! [--config|--live|--current]`, `blkdeviotune DOMAIN DEVICE
//! [--config|--live|--current]` (query only), `vcpuinfo DOMAIN
//! [--pretty]`; objects: `net-info NETWORK`, `pool-info POOL [--bytes]`,
//! `vol-info VOL [POOL] [--bytes] [--physical]`.
//!
//! Errors go to standard error as `error: ...` lines and the exit status
//! is 1, as with virsh. Domains are looked up like virsh: by id, then
//! UUID, then name (`start`: UUID, then name).

mod args;
mod commands;
mod format;
mod info;
mod stats;
mod table;
mod tune;

use args::{Args, Kind, Opt};
use libvirt_client::api::blocking::Connect;
use libvirt_client::{BlockingClient, ConnectOptions, Error};
use std::io::Write;
use std::process::ExitCode;

/// The error lines of a failed command, printed in order after
/// `error: `: usually virsh's own message, then libvirt's.
#[derive(Debug)]
pub(crate) struct Failure(Vec<String>);

impl Failure {
    /// A failure with only virsh's message.
    pub(crate) fn msg(message: impl Into<String>) -> Self {
        Self(vec![message.into()])
    }

    /// A failure virsh reports with no message at all.
    pub(crate) fn silent() -> Self {
        Self(Vec::new())
    }

    /// Adds `message` before the libvirt error, as virsh does when a
    /// command reports its own error and then the library's.
    pub(crate) fn context(message: impl Into<String>) -> impl FnOnce(Error) -> Self {
        let message = message.into();
        move |e| Self(vec![message, libvirt_message(&e)])
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Self(vec![libvirt_message(&e)])
    }
}

/// What libvirt's `virGetLastErrorMessage` would say for `e`: the
/// daemon's own message for remote errors.
pub(crate) fn libvirt_message(e: &Error) -> String {
    if let Some(remote) = e.remote() {
        return remote
            .message
            .clone()
            .unwrap_or_else(|| "unknown error".into());
    }
    match e {
        Error::Connect { target, source } => {
            format!(
                "Failed to connect socket to '{target}': {}",
                strerror(source)
            )
        }
        other => other.to_string(),
    }
}

/// An I/O error's text without Rust's " (os error N)" suffix, like C's
/// `strerror`.
pub(crate) fn strerror(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

/// The state of one run: the connection (opened on first use when no
/// URI was named) and what goes to standard output.
#[derive(Debug)]
pub(crate) struct Ctx {
    conn: Option<Connect>,
    options: ConnectOptions,
    quiet: bool,
    out: std::io::Stdout,
}

impl Ctx {
    /// The connection, opened to the default URI if not open yet.
    pub(crate) fn conn(&mut self) -> Result<&Connect, Failure> {
        if self.conn.is_none() {
            self.conn = Some(connect_default(&self.options)?);
        }
        Ok(self.conn.as_ref().expect("connection just opened"))
    }

    /// `vshPrint`: always printed.
    pub(crate) fn print(&mut self, text: &str) {
        let _ = self.out.write_all(text.as_bytes());
        let _ = self.out.flush();
    }

    /// `vshPrintExtra`: not printed in quiet mode.
    pub(crate) fn print_extra(&mut self, text: &str) {
        if !self.quiet {
            self.print(text);
        }
    }

    /// Prints a table, with its header unless quiet.
    pub(crate) fn print_table(&mut self, table: &table::Table) {
        let text = table.render(!self.quiet);
        self.print(&text);
    }
}

fn connect(uri: &str, options: &ConnectOptions) -> Result<Connect, Failure> {
    Connect::open_with(uri, options.clone())
        .map_err(Failure::context("failed to connect to the hypervisor"))
}

/// Opens the default URI (`LIBVIRT_DEFAULT_URI`, else the local daemon).
fn connect_default(options: &ConnectOptions) -> Result<Connect, Failure> {
    let options = options.clone();
    BlockingClient::start(move || async move { libvirt_client::connect_default(&options).await })
        .map(Connect::from_client)
        .map_err(Failure::context("failed to connect to the hypervisor"))
}

/// A command: its name, option table and implementation.
struct Command {
    name: &'static str,
    opts: &'static [Opt],
    run: fn(&mut Ctx, &Args) -> Result<(), Failure>,
}

const COMMANDS: &[Command] = &[
    Command {
        name: "version",
        opts: &[args::flag("daemon")],
        run: commands::version,
    },
    Command {
        name: "list",
        opts: commands::LIST_OPTS,
        run: commands::list,
    },
    Command {
        name: "dominfo",
        opts: &[args::data("domain")],
        run: commands::dominfo,
    },
    Command {
        name: "domstate",
        opts: &[args::data("domain"), args::flag("reason")],
        run: commands::domstate,
    },
    Command {
        name: "nodeinfo",
        opts: &[],
        run: commands::nodeinfo,
    },
    Command {
        name: "capabilities",
        opts: &[],
        run: commands::capabilities,
    },
    Command {
        name: "net-list",
        opts: commands::LIST_OPTS,
        run: commands::net_list,
    },
    Command {
        name: "pool-list",
        opts: commands::LIST_OPTS,
        run: commands::pool_list,
    },
    Command {
        name: "vol-list",
        opts: &[args::data("pool")],
        run: commands::vol_list,
    },
    Command {
        name: "start",
        opts: &[args::data("domain"), args::flag("paused")],
        run: commands::start,
    },
    Command {
        name: "destroy",
        opts: &[args::data("domain")],
        run: commands::destroy,
    },
    Command {
        name: "define",
        opts: &[args::data("file")],
        run: commands::define,
    },
    Command {
        name: "undefine",
        opts: &[args::data("domain")],
        run: commands::undefine,
    },
    Command {
        name: "domstats",
        opts: stats::DOMSTATS_OPTS,
        run: stats::domstats,
    },
    Command {
        name: "dommemstat",
        opts: stats::DOMMEMSTAT_OPTS,
        run: stats::dommemstat,
    },
    Command {
        name: "domblkstat",
        opts: &[
            args::data("domain"),
            args::opt("device", Kind::EmptyOk),
            args::flag("human"),
        ],
        run: stats::domblkstat,
    },
    Command {
        name: "domifstat",
        opts: &[args::data("domain"), args::data("interface")],
        run: stats::domifstat,
    },
    Command {
        name: "nodememstats",
        opts: &[args::opt("cell", Kind::Int)],
        run: stats::nodememstats,
    },
    Command {
        name: "nodecpustats",
        opts: &[args::opt("cpu", Kind::Int), args::flag("percent")],
        run: stats::nodecpustats,
    },
    Command {
        name: "schedinfo",
        opts: tune::SCHEDINFO_OPTS,
        run: tune::schedinfo,
    },
    Command {
        name: "blkdeviotune",
        opts: tune::BLKDEVIOTUNE_OPTS,
        run: tune::blkdeviotune,
    },
    Command {
        name: "vcpuinfo",
        opts: &[args::data("domain"), args::flag("pretty")],
        run: tune::vcpuinfo,
    },
    Command {
        name: "net-info",
        opts: &[args::data("network")],
        run: info::net_info,
    },
    Command {
        name: "pool-info",
        opts: &[args::data("pool"), args::flag("bytes")],
        run: info::pool_info,
    },
    Command {
        name: "vol-info",
        opts: &[
            args::data("vol"),
            args::opt("pool", Kind::String),
            args::flag("bytes"),
            args::flag("physical"),
        ],
        run: info::vol_info,
    },
];

fn report(lines: &[String]) {
    let mut err = std::io::stderr().lock();
    for line in lines {
        let _ = writeln!(err, "error: {line}");
    }
}

/// Parses the command line: the global options, the command and its
/// arguments.
fn parse(argv: &[String]) -> Result<(args::Global, &'static Command, Args), String> {
    let global = args::parse_global(argv)?;
    let Some((name, words)) = global.command.split_first() else {
        return Err("this virsh has no interactive mode: name a command".into());
    };
    let command = COMMANDS
        .iter()
        .find(|c| c.name == name)
        .ok_or_else(|| format!("unknown command: '{name}'"))?;
    let args = args::parse_command(command.name, command.opts, words)?;
    Ok((global, command, args))
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let (global, command, args) = match parse(&argv) {
        Ok(parsed) => parsed,
        Err(message) => {
            report(&[message]);
            return ExitCode::FAILURE;
        }
    };
    let options = ConnectOptions::new().read_only(global.read_only);
    // A named URI is connected to before the command runs and must work;
    // the default one is opened when the command first needs it.
    let named = global.uri.clone().or_else(|| {
        std::env::var("VIRSH_DEFAULT_CONNECT_URI")
            .ok()
            .filter(|u| !u.is_empty())
    });
    let conn = match named.as_deref().map(|uri| connect(uri, &options)) {
        None => None,
        Some(Ok(conn)) => Some(conn),
        Some(Err(Failure(lines))) => {
            report(&lines);
            return ExitCode::FAILURE;
        }
    };
    let mut ctx = Ctx {
        conn,
        options,
        quiet: global.quiet,
        out: std::io::stdout(),
    };
    let result = (command.run)(&mut ctx, &args);
    if let Err(Failure(lines)) = &result {
        report(lines);
    }
    ctx.print_extra("\n");
    if let Some(conn) = ctx.conn.take() {
        let _ = conn.close();
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}
