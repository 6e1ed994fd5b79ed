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

/// A private node for the statistics, tuning and information commands:
/// running domains with disks (one with I/O limits), interfaces, a
/// balloon or none, pinned vCPUs and I/O threads; a paused and a shut-off
/// domain; a network without a bridge of its own; a directory pool whose
/// volume sizes fall in every unit and a logical pool with sizes near
/// the top of `u64`.
const STATS_NODE_XML: &str = r#"<node>
  <cpu>
    <mhz>2000</mhz>
    <model>i686</model>
    <active>4</active>
    <nodes>1</nodes>
    <sockets>1</sockets>
    <cores>2</cores>
    <threads>2</threads>
  </cpu>
  <memory>4194304</memory>
  <domain type='test'>
    <name>run</name>
    <uuid>11111111-2222-3333-4444-000000000001</uuid>
    <memory>1048576</memory>
    <currentMemory>524289</currentMemory>
    <vcpu placement='static' cpuset='1-2' current='3'>4</vcpu>
    <iothreads>2</iothreads>
    <os><type>hvm</type></os>
    <devices>
      <disk type='file' device='disk'>
        <source file='/img/a.img'/>
        <target dev='vda' bus='virtio'/>
        <iotune><total_bytes_sec>1048576</total_bytes_sec><read_iops_sec>400</read_iops_sec><group_name>grp</group_name></iotune>
      </disk>
      <disk type='block' device='disk'>
        <source dev='/dev/sdz'/>
        <target dev='sdb' bus='scsi'/>
      </disk>
      <interface type='network'>
        <mac address='52:54:00:00:00:01'/>
        <source network='default'/>
      </interface>
      <interface type='network'>
        <mac address='52:54:00:ab:cd:02'/>
        <source network='default'/>
      </interface>
      <memballoon model='virtio'/>
    </devices>
  </domain>
  <domain type='test'>
    <name>noballoon</name>
    <uuid>11111111-2222-3333-4444-000000000002</uuid>
    <memory>65536</memory>
    <vcpu>1</vcpu>
    <os><type>hvm</type></os>
    <devices><memballoon model='none'/></devices>
  </domain>
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
    <test:runstate>5</test:runstate>
    <name>off</name>
    <uuid>11111111-2222-3333-4444-000000000003</uuid>
    <memory>65536</memory>
    <vcpu placement='static' cpuset='0,2'>2</vcpu>
    <cputune><vcpupin vcpu='1' cpuset='3'/></cputune>
    <os><type>hvm</type></os>
    <devices>
      <disk type='file' device='disk'>
        <source file='/img/off.img'/>
        <target dev='vda' bus='virtio'/>
      </disk>
      <interface type='network'>
        <mac address='52:54:00:00:00:03'/>
        <source network='default'/>
      </interface>
      <memballoon model='virtio'/>
    </devices>
  </domain>
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
    <test:runstate>3</test:runstate>
    <name>paused</name>
    <uuid>11111111-2222-3333-4444-000000000004</uuid>
    <memory>65536</memory>
    <vcpu>1</vcpu>
    <os><type>hvm</type></os>
    <devices><memballoon model='virtio'/></devices>
  </domain>
  <network>
    <name>default</name>
    <uuid>22222222-2222-3333-4444-000000000001</uuid>
    <bridge name='virbr0'/>
    <ip address='192.168.122.1' netmask='255.255.255.0'/>
  </network>
  <network>
    <name>bridged</name>
    <uuid>22222222-2222-3333-4444-000000000002</uuid>
    <forward mode='bridge'/>
    <bridge name='br-ext'/>
  </network>
  <pool type='dir'>
    <name>default-pool</name>
    <uuid>33333333-2222-3333-4444-000000000001</uuid>
    <capacity>107374182400</capacity>
    <allocation>1610612736</allocation>
    <available>105763569664</available>
    <target><path>/default-pool</path></target>
    <volume><name>small.img</name><capacity>1000</capacity><allocation>512</allocation><target/></volume>
    <volume><name>k.img</name><capacity>1536</capacity><allocation>1024</allocation><target/></volume>
    <volume><name>m.qcow2</name><capacity unit='MiB'>300</capacity><allocation>1048575</allocation><target/></volume>
    <volume><name>big.raw</name><capacity unit='GiB'>20</capacity><allocation>1610612736</allocation><target/></volume>
    <volume><name>blk</name><capacity unit='TiB'>3</capacity><allocation>0</allocation><target/></volume>
    <volume><name>dirvol</name><capacity>0</capacity><target/></volume>
  </pool>
  <pool type='dir'>
    <name>other</name>
    <uuid>33333333-2222-3333-4444-000000000002</uuid>
    <capacity>1000</capacity>
    <allocation>0</allocation>
    <available>1000</available>
    <target><path>/other</path></target>
    <volume><name>small.img</name><capacity>5</capacity><target/></volume>
  </pool>
  <pool type='logical'>
    <name>vg</name>
    <uuid>44444444-2222-3333-4444-000000000001</uuid>
    <source><name>vg</name><format type='lvm2'/></source>
    <capacity>1152</capacity>
    <allocation>0</allocation>
    <available>1152</available>
    <target><path>/dev/vg</path></target>
    <volume><name>lv1</name><capacity>1152</capacity><allocation>1023</allocation><target/></volume>
    <volume><name>lv2</name><capacity>1125899906842624</capacity><allocation>1152921504606846976</allocation><target/></volume>
  </pool>
</node>
"#;

/// [`STATS_NODE_XML`] as a private node: its file and its URI.
fn stats_node() -> (live::TempFile, String) {
    let file = live::TempFile::new("stats-node", STATS_NODE_XML);
    let socket = live::var("LIBVIRT_TEST_SOCK");
    let uri = format!("test+unix://{}?socket={socket}", file.path());
    (file, uri)
}

/// Runs each command on `uri` with both programs and checks the exit
/// status all runs share: 0 with nothing on standard error, or 1 with
/// `error: ` lines.
fn assert_all_same(uri: &str, commands: &[&[&str]], status: i32) {
    for command in commands {
        let args: Vec<&str> = ["-c", uri].iter().chain(*command).copied().collect();
        let out = assert_same(&args, &[]);
        assert_eq!(out.status, Some(status), "{command:?}: {out:?}");
        if status == 0 {
            assert!(out.stderr.is_empty(), "{command:?}: {out:?}");
        } else {
            assert!(out.stderr.starts_with("error: "), "{command:?}: {out:?}");
        }
    }
}

/// The test driver's block and interface counters are the daemon's
/// clock in microseconds divided by a constant per counter
/// (`domblkstat`, `domifstat`): masks the value at the end of each such
/// line, returning them in order.
fn mask_clock_counters(out: &mut Output) -> Vec<u64> {
    const COUNTERS: &[&str] = &[
        "rd_req",
        "rd_bytes",
        "wr_req",
        "wr_bytes",
        "errs",
        "number of read operations:",
        "number of bytes read:",
        "number of write operations:",
        "number of bytes written:",
        "error count:",
        "rx_bytes",
        "rx_packets",
        "rx_errs",
        "rx_drop",
        "tx_bytes",
        "tx_packets",
        "tx_errs",
        "tx_drop",
    ];
    let mut values = Vec::new();
    let lines: Vec<String> = out
        .stdout
        .lines()
        .map(|line| {
            let Some((head, value)) = line.rsplit_once(' ') else {
                return line.to_string();
            };
            let label = head.trim_end();
            let counter = COUNTERS.iter().any(|c| label.ends_with(c));
            match value.parse::<u64>() {
                Ok(v) if counter => {
                    values.push(v);
                    format!("{head} <counter>")
                }
                _ => line.to_string(),
            }
        })
        .collect();
    out.stdout = lines.join("\n") + if out.stdout.ends_with('\n') { "\n" } else { "" };
    values
}

/// Like [`assert_same`] for commands printing clock-derived counters:
/// they are masked, and each of ours must lie between virsh's readings
/// before and after.
fn assert_same_counters(args: &[&str]) -> Output {
    let mut before = virsh(args, &[]);
    let mut mine = ours(args, &[]);
    let mut after = virsh(args, &[]);
    let (t0, t, t1) = (
        mask_clock_counters(&mut before),
        mask_clock_counters(&mut mine),
        mask_clock_counters(&mut after),
    );
    assert_eq!(mine, before, "virsh {args:?}");
    assert_eq!(before, after, "virsh {args:?} gave two answers");
    assert_eq!((t0.len(), t1.len()), (t.len(), t.len()), "{args:?}");
    for ((a, b), c) in t0.iter().zip(&t).zip(&t1) {
        assert!(
            a <= b && b <= c,
            "virsh {args:?}: {b} not within [{a}, {c}]"
        );
    }
    mine
}

#[test]
fn statistics_print_what_virsh_prints() {
    let (_node, uri) = stats_node();
    assert_all_same(
        &uri,
        &[
            &["domstats"],
            &["domstats", "--raw"],
            &["domstats", "--state", "off", "run"],
            &["domstats", "--iothread"],
            &["domstats", "--balloon", "--vcpu", "--interface", "run"],
            &["domstats", "3", "11111111-2222-3333-4444-000000000003"],
            &["domstats", "off", "off"],
            &["domstats", "--list-running", "off"],
            &["domstats", "--list-shutoff", "--list-paused"],
            &["domstats", "--list-inactive", "--list-persistent"],
            &["domstats", "--backing", "--nowait", "--state"],
            &["dommemstat", "run"],
            &["dommemstat", "1"],
            &["dommemstat", "paused"],
            &["dommemstat", "noballoon"],
            &["dommemstat", "run", "--period", "10"],
            &["dommemstat", "off", "--period=5", "--config"],
            &["dommemstat", "--live", "run"],
            &["nodecpustats"],
            &["nodecpustats", "--cpu", "0"],
            &["nodecpustats", "3"],
            &["nodecpustats", "--cpu=-1"],
            &["-q", "nodecpustats"],
        ],
        0,
    );
    assert_all_same(
        &uri,
        &[
            &["domstats", "nosuch"],
            &["domstats", "run", ""],
            &["domstats", "--enforce", "--vcpu", "run"],
            &["domstats", "--state", "--state"],
            &["dommemstat", "off"],
            &["dommemstat", "11111111-2222-3333-4444-000000000003"],
            &["dommemstat", "nosuch"],
            &["dommemstat", ""],
            &["dommemstat", "run", "--current", "--live"],
            &["dommemstat", "run", "--current", "--config"],
            &["dommemstat", "run", "--period", "-1"],
            &["dommemstat", "run", "--period", "abc"],
            &["dommemstat", "run", "--period"],
            &["dommemstat", "run", "10"],
            &["domblkstat", "run"],
            &["domblkstat", "run", ""],
            &["domblkstat", "run", "--human"],
            &["domblkstat", "run", "nosuchdisk"],
            &["domblkstat", "1", "nosuchdisk", "--human"],
            &["domblkstat", "off", "vda"],
            &["domblkstat", "paused", "vda"],
            &["domblkstat", "nosuch", "vda"],
            &["domblkstat"],
            &["domifstat", "run", "nosuch"],
            &["domifstat", "off", "52:54:00:00:00:03"],
            &["domifstat", "run", ""],
            &["domifstat", "run"],
            &["domifstat", "nosuch", "testnet0"],
            &["nodecpustats", "--cpu", "-5"],
            &["nodecpustats", "--cpu", "abc"],
            &["nodecpustats", "--cpu", ""],
            &["nodecpustats", "--cpu"],
            &["nodecpustats", "1", "2"],
            // The test driver has no memory statistics.
            &["nodememstats"],
            &["nodememstats", "--cell", "0"],
            &["nodememstats", "1"],
            &["nodememstats", "--cell", "-5"],
            &["nodememstats", "--cell", "abc"],
            &["-q", "nodememstats"],
        ],
        1,
    );
    for command in [
        &["domblkstat", "run", "vda"][..],
        &["domblkstat", "run", "vda", "--human"],
        &["domblkstat", "run", "/img/a.img"],
        &[
            "domblkstat",
            "--device",
            "sdb",
            "--domain",
            "run",
            "--human",
        ],
        &["domifstat", "run", "testnet0"],
        &["domifstat", "1", "testnet1"],
        &["domifstat", "run", "52:54:00:00:00:01"],
        &["domifstat", "run", "52:54:00:AB:CD:02"],
    ] {
        let args: Vec<&str> = ["-c", uri.as_str()]
            .iter()
            .chain(command)
            .copied()
            .collect();
        let out = assert_same_counters(&args);
        assert_eq!(out.status, Some(0), "{command:?}: {out:?}");
        assert!(out.stdout.contains("<counter>"), "{command:?}: {out:?}");
    }
}

#[test]
fn cpu_percentages_print_what_virsh_prints() {
    // Sampled one second apart: the test driver's constant counters make
    // every share 0/0, which C prints as -nan.
    let (_node, uri) = stats_node();
    assert_all_same(&uri, &[&["nodecpustats", "--percent", "--cpu", "1"]], 0);
}

#[test]
fn object_information_prints_what_virsh_prints() {
    let (_node, uri) = stats_node();
    assert_all_same(
        &uri,
        &[
            &["net-info", "default"],
            &["net-info", "22222222-2222-3333-4444-000000000001"],
            &["net-info", "--network", "bridged"],
            &["pool-info", "default-pool"],
            &["pool-info", "default-pool", "--bytes"],
            &["pool-info", "33333333-2222-3333-4444-000000000002"],
            &["pool-info", "--pool=vg"],
            &["pool-info", "vg", "--bytes"],
            &["vol-info", "small.img", "--pool", "default-pool"],
            &["vol-info", "--bytes", "small.img", "default-pool"],
            &["vol-info", "k.img", "--pool", "default-pool"],
            &["vol-info", "m.qcow2", "--pool", "default-pool"],
            &["vol-info", "m.qcow2", "--pool", "default-pool", "--bytes"],
            &["vol-info", "big.raw", "default-pool"],
            &["vol-info", "blk", "--pool", "default-pool"],
            &["vol-info", "dirvol", "--pool", "default-pool"],
            &["vol-info", "/default-pool/m.qcow2"],
            &[
                "vol-info",
                "--vol",
                "k.img",
                "--pool",
                "33333333-2222-3333-4444-000000000001",
            ],
            &["vol-info", "small.img", "--pool", "other"],
            &["vol-info", "lv1", "vg"],
            &["vol-info", "lv2", "vg"],
            &["vol-info", "--bytes", "lv2", "vg"],
        ],
        0,
    );
    assert_all_same(
        &uri,
        &[
            &["net-info", "nosuch"],
            &["net-info", "22222222-2222-3333-4444-999999999999"],
            &["net-info", ""],
            &["net-info"],
            &["pool-info", "nosuch"],
            &["pool-info", ""],
            &["pool-info", "default-pool", "--bytes", "--bytes"],
            &["vol-info", "small.img"],
            &["vol-info", "nosuch", "--pool", "default-pool"],
            &["vol-info", "small.img", "--pool", "nosuchpool"],
            &["vol-info", "/default-pool/small.img", "--pool", "other"],
            &["vol-info", "small.img", "--pool", ""],
            &["vol-info", ""],
            // The test driver has no physical size.
            &["vol-info", "/default-pool/m.qcow2", "--physical"],
        ],
        1,
    );
}

#[test]
fn inactive_and_transient_objects_print_what_virsh_prints() {
    // States the example cannot make, made by virsh on test:///default
    // (kept alive by an open connection) under unique names.
    let keep = live::blocking(&live::test_uri());
    let uri = live::test_uri();
    let transient = live::unique_name("virsh-net");
    let inactive = live::unique_name("virsh-net");
    let pool = live::unique_name("virsh-pool");
    let domain = live::unique_name("virsh-vcpus");
    let files = [
        live::TempFile::new(
            "virsh-net",
            &format!("<network><name>{transient}</name><bridge name='virbr7'/></network>"),
        ),
        live::TempFile::new(
            "virsh-net",
            &format!(
                "<network><name>{inactive}</name><forward mode='passthrough'>\
                 <interface dev='eth9'/></forward></network>"
            ),
        ),
        live::TempFile::new(
            "virsh-vcpus",
            &format!(
                "<domain type='test'><name>{domain}</name><memory>65536</memory>\
                 <vcpu current='2'>4</vcpu><vcpus><vcpu id='0' enabled='yes' \
                 hotpluggable='no'/><vcpu id='1' enabled='no' hotpluggable='yes'/>\
                 <vcpu id='2' enabled='no' hotpluggable='yes'/><vcpu id='3' \
                 enabled='yes' hotpluggable='yes'/></vcpus><os><type>hvm</type></os>\
                 </domain>"
            ),
        ),
    ];
    let setup: [&[&str]; 4] = [
        &["net-create", files[0].path()],
        &["net-define", files[1].path()],
        &["pool-define-as", &pool, "dir", "--target", "/nonexistent"],
        &["define", files[2].path()],
    ];
    for step in setup {
        let args: Vec<&str> = ["-c", uri.as_str()].iter().chain(step).copied().collect();
        let out = virsh(&args, &[]);
        assert_eq!(out.status, Some(0), "virsh {step:?}: {out:?}");
    }
    let result = std::panic::catch_unwind(|| {
        assert_all_same(
            &uri,
            &[
                &["net-info", &transient],
                &["net-info", &inactive],
                &["pool-info", &pool],
                &["pool-info", "--bytes", &pool],
                &["vcpuinfo", &domain],
                &["vcpuinfo", "--pretty", &domain],
            ],
            0,
        );
        assert_all_same(&uri, &[&["vol-info", "x", "--pool", &pool]], 1);
    });
    let teardown: [&[&str]; 4] = [
        &["net-destroy", &transient],
        &["net-undefine", &inactive],
        &["pool-undefine", &pool],
        &["undefine", &domain],
    ];
    for step in teardown {
        let args: Vec<&str> = ["-c", uri.as_str()].iter().chain(step).copied().collect();
        virsh(&args, &[]);
    }
    keep.close().unwrap();
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

#[test]
fn tuning_and_vcpus_print_what_virsh_prints() {
    let (_node, uri) = stats_node();
    assert_all_same(
        &uri,
        &[
            &["schedinfo", "run"],
            &["schedinfo", "1"],
            &["schedinfo", "off"],
            // The test driver accepts new values and keeps the old ones.
            &["schedinfo", "run", "weight=100"],
            &["schedinfo", "run", "--weight", "100"],
            &["blkdeviotune", "run", "vda"],
            &["blkdeviotune", "run", "/img/a.img", "--config"],
            &["blkdeviotune", "run", "sdb", "--current"],
            &["blkdeviotune", "off", "vda"],
            &[
                "blkdeviotune",
                "--device",
                "vda",
                "--domain",
                "off",
                "--config",
            ],
            &["-q", "blkdeviotune", "run", "sdb"],
            &["vcpuinfo", "run"],
            &["vcpuinfo", "run", "--pretty"],
            &["vcpuinfo", "paused"],
            &["vcpuinfo", "2"],
            &["vcpuinfo", "off"],
            &["vcpuinfo", "off", "--pretty"],
        ],
        0,
    );
    assert_all_same(
        &uri,
        &[
            // The test driver takes no flags, and virsh adds one.
            &["schedinfo", "--current", "run"],
            &["schedinfo", "--live", "run"],
            &["schedinfo", "--config", "run"],
            &["schedinfo", "--live", "--config", "run"],
            &["schedinfo", "--current", "--live", "run"],
            &["schedinfo", "run", "--set", "cpu_shares=5"],
            &["schedinfo", "run", "--set", "weight=7", "--set=weight=8"],
            &["schedinfo", "run", "--set", "foo"],
            &["schedinfo", "run", "--set", "weight=abc"],
            &["schedinfo", "run", "--cap", "5"],
            &["schedinfo", "run", "--weight"],
            &["schedinfo", "run", "--weight", ""],
            &["schedinfo", "nosuch"],
            &["blkdeviotune", "run", "nosuch"],
            &["blkdeviotune", "run", "vda", "--live", "--config"],
            &["blkdeviotune", "run", "vda", "--current", "--live"],
            &["blkdeviotune", "off", "vda", "--live"],
            &["blkdeviotune", "nosuch", "vda"],
            &["blkdeviotune", "run", ""],
            &["blkdeviotune", "run"],
            &["vcpuinfo", "nosuch"],
            &["vcpuinfo", "run", "extra"],
        ],
        1,
    );
}

/// `nodememstats` and `nodecpustats` on the real host move between
/// runs: masks the `width` characters from `start` on of every line,
/// which must hold a number right-aligned there, as virsh's `%20llu`
/// and `%5.1lf` put it.
fn mask_host_values(out: &mut Output, start: usize, width: usize) {
    let lines: Vec<String> = out
        .stdout
        .lines()
        .map(|line| {
            if line.is_empty() {
                return String::new();
            }
            let field = line
                .get(start..start + width)
                .unwrap_or_else(|| panic!("{line:?}: no {width} characters from {start} on"));
            let number = field.trim_start();
            assert!(
                number.parse::<f64>().is_ok() && !line[..start].ends_with(char::is_numeric),
                "{line:?}: no number right-aligned in {start}..{}",
                start + width
            );
            format!("{}<{width}>{}", &line[..start], &line[start + width..])
        })
        .collect();
    out.stdout = lines.join("\n") + if out.stdout.ends_with('\n') { "\n" } else { "" };
}

#[test]
fn host_statistics_print_what_virsh_prints_on_the_qemu_driver() {
    let uri = live::qemu_uri();
    // (command, where its values start, their width)
    let commands: [(&[&str], usize, usize); 5] = [
        (&["nodememstats"], 9, 20),
        (&["nodememstats", "--cell", "0"], 9, 20),
        (&["nodecpustats"], 16, 20),
        (&["nodecpustats", "0"], 16, 20),
        (&["nodecpustats", "--percent"], 16, 5),
    ];
    for (command, start, width) in commands {
        let args: Vec<&str> = ["-c", uri.as_str()]
            .iter()
            .chain(command)
            .copied()
            .collect();
        let mut theirs = virsh(&args, &[]);
        let mut mine = ours(&args, &[]);
        mask_host_values(&mut theirs, start, width);
        mask_host_values(&mut mine, start, width);
        assert_eq!(mine, theirs, "virsh {command:?}");
        assert_eq!(mine.status, Some(0), "{command:?}: {mine:?}");
        assert!(mine.stdout.contains(&format!("<{width}>")), "{mine:?}");
    }
    // Failures before and after the count of values.
    assert_all_same(
        &uri,
        &[
            &["nodememstats", "--cell", "9999"],
            &["nodecpustats", "--cpu", "9999"],
            &["nodecpustats", "--cpu", "-2"],
        ],
        1,
    );
}

/// The transcripts of `script` on a new QEMU domain (shut off, then
/// started paused; values that move while a guest runs stay out of the
/// script).
fn assert_same_qemu_transcript(what: &str, script: &[&[&str]]) {
    let name = live::unique_name(what);
    let _guard = live::QemuDomainGuard::new(&name);
    let xml = live::TempFile::new(what, &live::qemu_domain_xml(&name));
    let define = ["define", xml.path()];
    let mut steps: Vec<&[&str]> = vec![&define];
    steps.extend_from_slice(script);
    assert_same_transcript(&live::qemu_uri(), &name, &steps);
}

#[test]
fn qemu_domain_statistics_print_what_virsh_prints() {
    assert_same_qemu_transcript(
        "virsh-stats",
        &[
            &["domstats", "--state", "NAME"],
            &["dommemstat", "NAME"],
            &["domblkstat", "NAME", "vda"],
            &["domifstat", "NAME", "vnet0"],
            &["start", "--paused", "NAME"],
            &["domstats", "--state", "NAME"],
            &["domblkstat", "NAME", "vda"],
            &["domblkstat", "NAME"],
            &["domifstat", "NAME", "vnet0"],
            &["destroy", "NAME"],
            &["undefine", "NAME"],
        ],
    );
}

#[test]
fn qemu_domain_tuning_prints_what_virsh_prints() {
    assert_same_qemu_transcript(
        "virsh-tune",
        &[
            &["vcpuinfo", "NAME"],
            &["vcpuinfo", "--pretty", "NAME"],
            &["schedinfo", "NAME"],
            &["blkdeviotune", "NAME", "vda"],
            &["blkdeviotune", "NAME", "vda", "--live"],
            &["start", "--paused", "NAME"],
            &["schedinfo", "NAME"],
            &["schedinfo", "--live", "NAME"],
            &["schedinfo", "--config", "NAME"],
            &["schedinfo", "--current", "NAME", "--set", "cpu_shares=1024"],
            &["blkdeviotune", "NAME", "vda"],
            &["blkdeviotune", "NAME", "vda", "--config"],
            &["destroy", "NAME"],
            &["undefine", "NAME"],
        ],
    );
}
