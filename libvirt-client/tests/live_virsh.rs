//! The `virsh` example against the real `virsh`, on the same daemon with
//! the same arguments: standard output must be identical byte for byte,
//! and so must standard error and the exit status.
//!
//! The example is built (or found up to date) once per run with the
//! `cargo` that runs the tests, into the same target directory and
//! profile. Most comparisons use a private test-driver node, a file given
//! in the URI (`test+unix:///path/node.xml?socket=...`): every connection
//! to it gets its own fresh copy, so virsh and the example see exactly
//! the same state whatever else runs. Commands whose effect must outlive
//! one invocation run against `test:///default` (kept alive by an open
//! connection) and the QEMU driver, as the same script once with each
//! program. Needs the environment of `scripts/libvirtd.sh start`.

#[path = "support/live.rs"]
mod live;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

/// The example binary, built once per test run by the `cargo` running
/// the tests, in this test binary's target directory and profile.
fn example_virsh() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let exe = std::env::current_exe().unwrap();
        // TARGET/PROFILE/deps/live_virsh-HASH
        let profile_dir = exe.parent().and_then(Path::parent).unwrap();
        let target_dir = profile_dir.parent().unwrap();
        let profile = match profile_dir.file_name().unwrap().to_str().unwrap() {
            "debug" => "dev",
            other => other,
        };
        let cargo = std::env::var("CARGO")
            .ok()
            .or(option_env!("CARGO").map(String::from))
            .unwrap_or_else(|| "cargo".into());
        let out = Command::new(&cargo)
            .args(["build", "-p", "libvirt-client", "--example", "virsh"])
            .args([
                "--profile",
                profile,
                "--message-format=json-render-diagnostics",
            ])
            .arg("--target-dir")
            .arg(target_dir)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stderr(Stdio::inherit())
            .output()
            .unwrap_or_else(|e| panic!("running {cargo}: {e}"));
        assert!(out.status.success(), "building the virsh example failed");
        let stdout = String::from_utf8(out.stdout).unwrap();
        let executable = stdout
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "virsh")
            .find_map(|m| m["executable"].as_str().map(PathBuf::from))
            .expect("cargo reported no virsh executable");
        assert!(executable.exists(), "{}", executable.display());
        executable
    })
}

/// What one run of a program printed.
#[derive(Debug, PartialEq, Eq)]
struct Output {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `program` with `args` and only the environment it needs (plus
/// `env`), failing the test if it runs for more than a minute.
fn run(program: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let child = Command::new(program)
        .args(args)
        .env_clear()
        .env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
        .env("LANG", "C.UTF-8")
        .env("HOME", std::env::temp_dir())
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("running {}: {e}", program.display()));
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output()));
    let out = match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            let _ = Command::new("kill")
                .arg("-KILL")
                .arg(pid.to_string())
                .status();
            panic!("{} {args:?} ran for over a minute", program.display());
        }
    };
    Output {
        status: out.status.code(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn virsh(args: &[&str], env: &[(&str, &str)]) -> Output {
    run(Path::new("virsh"), args, env)
}

fn ours(args: &[&str], env: &[(&str, &str)]) -> Output {
    run(example_virsh(), args, env)
}

/// `dominfo` shows a CPU time that moves (the test driver reports the
/// current time): masks it, returning the value.
fn mask_cpu_time(out: &mut Output) -> Option<f64> {
    let mut value = None;
    let lines: Vec<String> = out
        .stdout
        .lines()
        .map(|line| match line.strip_prefix("CPU time:       ") {
            Some(time) => {
                let seconds = time.strip_suffix('s').expect("CPU time ends in s");
                let (_, tenths) = seconds.split_once('.').expect("one decimal");
                assert_eq!(tenths.len(), 1, "{line}");
                value = Some(seconds.parse::<f64>().unwrap());
                "CPU time:       <masked>".to_string()
            }
            None => line.to_string(),
        })
        .collect();
    out.stdout = lines.join("\n") + if out.stdout.ends_with('\n') { "\n" } else { "" };
    value
}

/// Runs both programs with `args`; everything they print and their exit
/// status must be the same. A moving CPU time must be masked alike and
/// ours must lie between two readings by virsh.
fn assert_same(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut before = virsh(args, env);
    let mut mine = ours(args, env);
    let mut after = virsh(args, env);
    let times = (
        mask_cpu_time(&mut before),
        mask_cpu_time(&mut mine),
        mask_cpu_time(&mut after),
    );
    if let (Some(t0), Some(t), Some(t1)) = times {
        assert!(
            t0 - 0.1 <= t && t <= t1 + 0.1,
            "virsh {args:?}: CPU time {t} not within [{t0}, {t1}]"
        );
    }
    assert_eq!(mine, before, "virsh {args:?} with {env:?}");
    assert_eq!(before, after, "virsh {args:?} gave two answers");
    mine
}

#[test]
fn read_only_commands_print_exactly_what_virsh_prints() {
    let (_node, uri) = live::fixture_node();
    let commands: &[&[&str]] = &[
        &["version"],
        &["version", "--daemon"],
        &["nodeinfo"],
        &["capabilities"],
        &["list"],
        &["list", "--all"],
        &["list", "--inactive"],
        &["list", "--all", "--name"],
        &["list", "--all", "--uuid"],
        &["list", "--uuid", "--name"],
        &["dominfo", "alpha"],
        &["dominfo", "2"],
        &["dominfo", "11111111-2222-3333-4444-000000000003"],
        &["dominfo", "--domain", "déjà-vu"],
        &["domstate", "alpha"],
        &["domstate", "--reason", "Beta-with-a-longer-name"],
        &["domstate", "gamma", "--reason"],
        &["domstate", "--domain=1"],
        &["net-list"],
        &["net-list", "--all"],
        &["net-list", "--inactive"],
        &["net-list", "--name"],
        &["net-list", "--uuid"],
        &["pool-list"],
        &["pool-list", "--all"],
        &["pool-list", "--inactive"],
        &["pool-list", "--name"],
        &["pool-list", "--uuid"],
        &["pool-list", "--uuid", "--name"],
        &["vol-list", "default-pool"],
        &["vol-list", "--pool", "empty"],
        &["vol-list", "33333333-2222-3333-4444-000000000001"],
    ];
    for command in commands {
        let args: Vec<&str> = ["-c", uri.as_str()]
            .iter()
            .chain(*command)
            .copied()
            .collect();
        let out = assert_same(&args, &[]);
        assert_eq!(out.status, Some(0), "{command:?}: {out:?}");
        assert!(out.stderr.is_empty(), "{command:?}: {out:?}");
    }
}

#[test]
fn failures_exit_1_with_the_same_errors_as_virsh() {
    let (_node, uri) = live::fixture_node();
    let bad_socket = "test+unix:///default?socket=/nonexistent/libvirt-sock";
    let commands: &[&[&str]] = &[
        &["dominfo", "no-such-domain"],
        &["dominfo", "99"],
        &["domstate", "11111111-2222-3333-4444-999999999999"],
        &["vol-list", "no-such-pool"],
        &["start", "no-such-domain"],
        &["start", "alpha"],
        // The test driver has no paused start.
        &["start", "--paused", "11111111-2222-3333-4444-000000000003"],
        &["destroy", "gamma"],
        &["destroy", "no-such-domain"],
        &["undefine", "no-such-domain"],
        &["define", "/nonexistent/domain.xml"],
        &["net-list", "--name", "--uuid"],
        &["pool-list", "--all", "--inactive"],
        &["no-such-command"],
        &["dominfo"],
        &["dominfo", ""],
        &["define", ""],
        &["dominfo", "alpha", "extra"],
        &["list", "--no-such-option"],
        &["list", "--all", "--all"],
    ];
    for command in commands {
        let args: Vec<&str> = ["-c", uri.as_str()]
            .iter()
            .chain(*command)
            .copied()
            .collect();
        let out = assert_same(&args, &[]);
        assert_eq!(out.status, Some(1), "{command:?}: {out:?}");
        assert!(out.stderr.starts_with("error: "), "{command:?}: {out:?}");
    }
    let out = assert_same(&["-c", bad_socket, "list"], &[]);
    assert_eq!(out.status, Some(1));
    assert!(
        out.stderr.contains("failed to connect to the hypervisor"),
        "{out:?}"
    );
}

#[test]
fn changes_in_one_invocation_print_what_virsh_prints() {
    // Each run gets a fresh copy of the node, so each change starts from
    // the same state for both programs.
    let (_node, uri) = live::fixture_node();
    let xml = live::TempFile::new(
        "virsh-define",
        "<domain type='test'><name>delta</name><memory>65536</memory>\
         <os><type>hvm</type></os></domain>",
    );
    let commands: &[&[&str]] = &[
        &["start", "gamma"],
        &["destroy", "alpha"],
        &["destroy", "1"],
        &["undefine", "gamma"],
        &["undefine", "Beta-with-a-longer-name"],
        &["define", xml.path()],
    ];
    for command in commands {
        let args: Vec<&str> = ["-c", uri.as_str()]
            .iter()
            .chain(*command)
            .copied()
            .collect();
        assert_eq!(assert_same(&args, &[]).status, Some(0), "{command:?}");
        // Quiet mode prints nothing for them.
        let quiet: Vec<&str> = ["-q"].iter().chain(&args).copied().collect();
        let out = assert_same(&quiet, &[]);
        assert_eq!(
            (out.status, out.stdout.as_str()),
            (Some(0), ""),
            "{command:?}"
        );
    }
}

#[test]
fn global_options_and_the_default_uri_work_like_virsh() {
    let (_node, uri) = live::fixture_node();
    let env = [("LIBVIRT_DEFAULT_URI", uri.as_str())];
    for args in [
        &["list", "--all"][..],
        &["-q", "list", "--all"],
        &["-r", "dominfo", "gamma"],
        &["--readonly", "destroy", "alpha"],
        &["-r", "start", "gamma"],
        &["-q", "dominfo", "no-such-domain"],
    ] {
        assert_same(args, &env);
    }
    let connect = format!("--connect={uri}");
    let ro = live::ro_uri();
    for args in [
        &["--connect", uri.as_str(), "nodeinfo"][..],
        &[connect.as_str(), "-q", "net-list"],
        &["-rq", "-c", uri.as_str(), "pool-list"],
        &["-r", "-c", ro.as_str(), "domstate", "test"],
    ] {
        assert_same(args, &[]);
    }
}

/// Masks the id of a running domain in `dominfo`: each start takes the
/// next id, so two runs of a script see different ones.
fn mask_running_id(out: &mut Output) {
    if let Some(rest) = out.stdout.strip_prefix("Id:             ") {
        let (id, tail) = rest.split_once('\n').expect("a line after the id");
        if id != "-" {
            assert!(id.parse::<u32>().is_ok(), "{id}");
            out.stdout = format!("Id:             <running>\n{tail}");
        }
    }
}

/// Runs `script` (one command per step, `NAME` standing for the domain
/// name) with `program`; returns what each step printed.
fn transcript(program: &Path, uri: &str, name: &str, script: &[&[&str]]) -> Vec<Output> {
    script
        .iter()
        .map(|step| {
            let mut args = vec!["-c", uri];
            args.extend(step.iter().map(|a| if *a == "NAME" { name } else { a }));
            let mut out = run(program, &args, &[]);
            mask_cpu_time(&mut out);
            mask_running_id(&mut out);
            out
        })
        .collect()
}

/// The same script with virsh and then with the example, on state that
/// persists between invocations; the transcripts must be identical.
fn assert_same_transcript(uri: &str, name: &str, script: &[&[&str]]) {
    let theirs = transcript(Path::new("virsh"), uri, name, script);
    let mine = transcript(example_virsh(), uri, name, script);
    for ((step, t), m) in script.iter().zip(&theirs).zip(&mine) {
        assert_eq!(m, t, "step {step:?}");
    }
}

#[test]
fn a_domain_lifecycle_prints_what_virsh_prints_on_the_shared_test_driver() {
    // An open connection keeps test:///default's state between runs.
    let keep = live::blocking(&live::test_uri());
    let name = live::unique_name("virsh");
    let uuid = format!("6c767273-0000-4000-8000-{:012x}", std::process::id());
    let xml = live::TempFile::new(
        "virsh-domain",
        &format!(
            "<domain type='test'><name>{name}</name><uuid>{uuid}</uuid>\
             <memory>65536</memory><os><type>hvm</type></os></domain>"
        ),
    );
    let script: &[&[&str]] = &[
        &["define", xml.path()],
        &["dominfo", "NAME"],
        &["domstate", "--reason", "NAME"],
        &["start", "NAME"],
        &["start", "NAME"],
        &["domstate", "--reason", "NAME"],
        &["dominfo", "NAME"],
        &["destroy", "NAME"],
        &["domstate", "--reason", "NAME"],
        &["destroy", "NAME"],
        &["undefine", "NAME"],
        &["undefine", "NAME"],
        &["dominfo", "NAME"],
    ];
    assert_same_transcript(&live::test_uri(), &name, script);
    keep.close().unwrap();
}

#[test]
fn a_qemu_domain_prints_what_virsh_prints() {
    let name = live::unique_name("virsh-vm");
    let _guard = live::QemuDomainGuard::new(&name);
    let uuid = format!("6c767273-0000-4000-9000-{:012x}", std::process::id());
    let xml = live::qemu_domain_xml(&name).replace(
        &format!("<name>{name}</name>"),
        &format!("<name>{name}</name><uuid>{uuid}</uuid>"),
    );
    let xml = live::TempFile::new("virsh-vm", &xml);
    let script: &[&[&str]] = &[
        &["version"],
        &["define", xml.path()],
        &["dominfo", "NAME"],
        &["domstate", "--reason", "NAME"],
        &["start", "--paused", "NAME"],
        &["domstate", "--reason", "NAME"],
        &["dominfo", "NAME"],
        &["destroy", "NAME"],
        &["domstate", "--reason", "NAME"],
        &["undefine", "NAME"],
        &["dominfo", "NAME"],
    ];
    assert_same_transcript(&live::qemu_uri(), &name, script);
}
