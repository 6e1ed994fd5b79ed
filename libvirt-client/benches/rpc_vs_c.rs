//! REMOTE_PROC_CONNECT_GET_LIB_VERSION calls/s on ONE connection: this
//! crate's client against libvirt's C library, side by side in one run on
//! the same daemon.
//!
//! ```text
//! source /tmp/lvtest/env        # scripts/libvirtd.sh start /tmp/lvtest
//! cargo bench -p libvirt-client --bench rpc_vs_c
//! ```
//!
//! Every measurement runs in a child process of its own, so that CPU time
//! and peak RSS belong to one client only:
//!
//! * `ct`: our async [`Client`] on a tokio current_thread runtime, N tasks
//!   calling `connect_get_lib_version()` in a loop;
//! * `mt`: the same on a multi_thread runtime (2 workers on this 2-core box);
//! * `blocking`: our [`BlockingClient`] from N OS threads (the shape of the
//!   C harness: threads sharing one connection);
//! * `C`: `benches/c_harness.c`, N pthreads calling `virConnectGetLibVersion`
//!   on one `virConnectPtr`. The bench compiles it into the target dir
//!   with gcc and pkg-config (libvirt-dev) unless `RPC_BENCH_C_HARNESS`
//!   names a ready binary.
//!
//! Each child connects, warms up, then measures for a fixed time: calls,
//! its own user+sys CPU, context switches, its peak RSS (VmHWM), the
//! daemon's CPU (utime+stime of the libvirtd process) and the busy time of
//! the whole machine. Runs are interleaved (ours, C, ours, ... for each
//! concurrency, the order rotated every round) and medians are reported.
//!
//! Environment: `LIBVIRT_TEST_URI` (else read from `$LIBVIRT_TEST_DIR/env`
//! or `/tmp/lvtest/env`), `RPC_BENCH_ROUNDS` (3), `RPC_BENCH_SECS` (3),
//! `RPC_BENCH_WARMUP` (0.5), `RPC_BENCH_CONCURRENCY` (`1,8,32`),
//! `RPC_BENCH_VARIANTS` (`ct,mt,blocking,c`), `RPC_BENCH_DAEMON_PID`
//! (else `$LIBVIRT_TEST_DIR/libvirtd.pid`), `RPC_BENCH_MAX_IN_FLIGHT`
//! (our clients' `ConnectOptions::max_in_flight`; default the client's).
//!
//! The child mode (`rpc_vs_c --child VARIANT URI N SECS WARMUP DAEMON_PID`)
//! prints the same `key=value` line as the C harness.

use libvirt_client::prelude::*;
use libvirt_client::{BlockingClient, Client, ConnectOptions, Uri};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const GOAL_CALLS_1: f64 = 1.15;
const GOAL_CALLS_N: f64 = 1.3;
const GOAL_CPU: f64 = 0.5;
const GOAL_RSS_KIB: f64 = 4096.0;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(&args[i + 1..]);
        return;
    }
    if let Err(e) = orchestrate() {
        eprintln!("rpc_vs_c: {e}");
        std::process::exit(1);
    }
}

// ------------------------------------------------------------------ probes

/// (utime, stime) of a process, in clock ticks (fields 14 and 15 of stat).
fn proc_user_sys(pid: &str) -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    Some((f.get(11)?.parse().ok()?, f.get(12)?.parse().ok()?))
}

/// utime+stime of a process, in clock ticks.
fn proc_ticks(pid: &str) -> Option<u64> {
    proc_user_sys(pid).map(|(u, s)| u + s)
}

/// (busy, total) jiffies of the whole machine, from /proc/stat.
fn host_ticks() -> (u64, u64) {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let line = stat.lines().next().unwrap_or("");
    let v: Vec<u64> = line
        .split_whitespace()
        .skip(1)
        .take(8)
        .filter_map(|x| x.parse().ok())
        .collect();
    let total: u64 = v.iter().sum();
    let idle = v.get(3).copied().unwrap_or(0) + v.get(4).copied().unwrap_or(0);
    (total.saturating_sub(idle), total)
}

/// Voluntary + involuntary context switches of every thread of this process.
fn self_ctx_switches() -> u64 {
    let mut sum = 0;
    if let Ok(dir) = std::fs::read_dir("/proc/self/task") {
        for t in dir.flatten() {
            let status = std::fs::read_to_string(t.path().join("status")).unwrap_or_default();
            for l in status.lines() {
                if l.starts_with("voluntary_ctxt_switches:")
                    || l.starts_with("nonvoluntary_ctxt_switches:")
                {
                    sum += l
                        .split_whitespace()
                        .nth(1)
                        .and_then(|x| x.parse::<u64>().ok())
                        .unwrap_or(0);
                }
            }
        }
    }
    sum
}

/// A `KiB` field of /proc/self/status (`VmHWM`, `RssAnon`).
fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.strip_prefix(field).is_some_and(|r| r.starts_with(':')))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|x| x.parse().ok())
        .unwrap_or(0)
}

fn clk_tck_us() -> f64 {
    // USER_HZ is 100 on every Linux architecture this runs on.
    10_000.0
}

// ------------------------------------------------------------------ child

#[repr(align(64))]
#[derive(Default)]
struct Counter(AtomicU64);

struct Snap {
    t: Instant,
    calls: u64,
    self_user_sys: (u64, u64),
    ctx: u64,
    daemon_ticks: Option<u64>,
    host: (u64, u64),
}

fn snap(counters: &[Counter], daemon: &str) -> Snap {
    Snap {
        t: Instant::now(),
        calls: counters.iter().map(|c| c.0.load(Ordering::Relaxed)).sum(),
        self_user_sys: proc_user_sys("self").unwrap_or((0, 0)),
        ctx: self_ctx_switches(),
        daemon_ticks: proc_ticks(daemon),
        host: host_ticks(),
    }
}

/// Warms up, measures for `secs`, raises `stop`; returns the report line.
fn measure(
    counters: &[Counter],
    stop: &AtomicBool,
    warmup: f64,
    secs: f64,
    daemon: &str,
) -> String {
    std::thread::sleep(Duration::from_secs_f64(warmup));
    let a = snap(counters, daemon);
    std::thread::sleep(Duration::from_secs_f64(secs));
    let b = snap(counters, daemon);
    stop.store(true, Ordering::Relaxed);
    let user_us = (b.self_user_sys.0 - a.self_user_sys.0) as f64 * clk_tck_us();
    let sys_us = (b.self_user_sys.1 - a.self_user_sys.1) as f64 * clk_tck_us();
    let daemon_ticks = match (a.daemon_ticks, b.daemon_ticks) {
        (Some(x), Some(y)) => (y - x) as i64,
        _ => -1,
    };
    format!(
        "calls={} secs={:.6} user_us={:.0} sys_us={:.0} ctx={} daemon_ticks={} host_busy={} host_total={}",
        b.calls - a.calls,
        (b.t - a.t).as_secs_f64(),
        user_us,
        sys_us,
        b.ctx - a.ctx,
        daemon_ticks,
        b.host.0 - a.host.0,
        b.host.1 - a.host.1,
    )
}

fn child(args: &[String]) {
    let [variant, uri, n, secs, warmup, daemon] = args else {
        eprintln!("usage: rpc_vs_c --child ct|mt|blocking URI N SECS WARMUP DAEMON_PID");
        std::process::exit(2);
    };
    let n: usize = n.parse().expect("N");
    let secs: f64 = secs.parse().expect("SECS");
    let warmup: f64 = warmup.parse().expect("WARMUP");
    let counters: Arc<Vec<Counter>> = Arc::new((0..n).map(|_| Counter::default()).collect());
    let stop = Arc::new(AtomicBool::new(false));
    let uri = Uri::parse(uri).expect("URI");
    let mut options = ConnectOptions::new();
    if let Ok(n) = std::env::var("RPC_BENCH_MAX_IN_FLIGHT") {
        options = options.max_in_flight(n.parse().expect("RPC_BENCH_MAX_IN_FLIGHT"));
    }
    let line = match variant.as_str() {
        "blocking" => {
            let client = BlockingClient::connect_with(uri, options).expect("connect");
            let workers: Vec<_> = (0..n)
                .map(|i| {
                    let (client, counters, stop) =
                        (client.clone(), Arc::clone(&counters), Arc::clone(&stop));
                    std::thread::spawn(move || {
                        while !stop.load(Ordering::Relaxed) {
                            client.connect_get_lib_version().expect("call");
                            counters[i].0.fetch_add(1, Ordering::Relaxed);
                        }
                    })
                })
                .collect();
            let line = measure(&counters, &stop, warmup, secs, daemon);
            let anon = status_kib("RssAnon");
            for w in workers {
                w.join().expect("worker");
            }
            client.close().expect("close");
            format!("{line} anon_kib={anon}")
        }
        "ct" | "mt" => {
            let rt = if variant == "ct" {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
            } else {
                tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
            }
            .expect("runtime");
            rt.block_on(async {
                let (client, connection) = libvirt_client::connect_with(&uri, &options)
                    .await
                    .expect("connect");
                let driver = connection.spawn();
                let tasks: Vec<_> = (0..n)
                    .map(|i| {
                        let (client, counters, stop) =
                            (client.clone(), Arc::clone(&counters), Arc::clone(&stop));
                        tokio::spawn(async move {
                            while !stop.load(Ordering::Relaxed) {
                                client.connect_get_lib_version().await.expect("call");
                                counters[i].0.fetch_add(1, Ordering::Relaxed);
                            }
                        })
                    })
                    .collect();
                let (c2, s2, d2) = (Arc::clone(&counters), Arc::clone(&stop), daemon.clone());
                let meter = std::thread::spawn(move || {
                    let line = measure(&c2, &s2, warmup, secs, &d2);
                    format!("{line} anon_kib={}", status_kib("RssAnon"))
                });
                for t in tasks {
                    t.await.expect("task");
                }
                close(&client).await;
                let _ = driver.await;
                meter.join().expect("meter")
            })
        }
        other => panic!("unknown variant {other}"),
    };
    println!("{line} maxrss_kib={} errors=0", status_kib("VmHWM"));
}

async fn close(client: &Client) {
    client.close().await.expect("close");
}

// ------------------------------------------------------------------ parent

#[derive(Debug, Default, Clone)]
struct Run {
    calls_per_s: f64,
    cpu_us_per_call: f64,
    /// Share of the client's CPU spent in the kernel (%).
    sys_pct: f64,
    ctx_per_call: f64,
    daemon_us_per_call: f64,
    maxrss_kib: f64,
    anon_kib: f64,
    client_pct: f64,
    daemon_pct: f64,
    /// Busy CPU of the machine not used by the client or the daemon (%).
    others_pct: f64,
}

fn parse_line(line: &str) -> Result<Run, String> {
    let kv: BTreeMap<&str, f64> = line
        .split_whitespace()
        .filter_map(|f| f.split_once('='))
        .filter_map(|(k, v)| Some((k, v.parse::<f64>().ok()?)))
        .collect();
    let get = |k: &str| kv.get(k).copied().ok_or(format!("no {k} in {line:?}"));
    if get("errors")? != 0.0 {
        return Err(format!("failed calls: {line}"));
    }
    let calls = get("calls")?.max(1.0);
    let cpu_us = get("user_us")? + get("sys_us")?;
    let sys_share = get("sys_us")? / cpu_us.max(1.0) * 100.0;
    let daemon = get("daemon_ticks")?;
    let ncpu = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
    let host = match (kv.get("host_busy"), kv.get("host_total")) {
        (Some(b), Some(t)) if *t > 0.0 => b / t * 100.0 * ncpu,
        _ => f64::NAN,
    };
    let secs = get("secs")?;
    let client_pct = cpu_us / secs / 1e4;
    let daemon_pct = if daemon < 0.0 {
        f64::NAN
    } else {
        daemon * clk_tck_us() / secs / 1e4
    };
    Ok(Run {
        calls_per_s: calls / secs,
        cpu_us_per_call: cpu_us / calls,
        sys_pct: sys_share,
        ctx_per_call: kv.get("ctx").map_or(f64::NAN, |c| c / calls),
        daemon_us_per_call: if daemon < 0.0 {
            f64::NAN
        } else {
            daemon * clk_tck_us() / calls
        },
        maxrss_kib: get("maxrss_kib")?,
        anon_kib: kv.get("anon_kib").copied().unwrap_or(f64::NAN),
        client_pct,
        daemon_pct,
        others_pct: (host - client_pct - daemon_pct).max(0.0),
    })
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

/// `KEY='value'` from a file written by scripts/libvirtd.sh.
fn from_env_file(file: &Path, key: &str) -> Option<String> {
    let text = std::fs::read_to_string(file).ok()?;
    text.lines().find_map(|l| {
        let v = l
            .strip_prefix("export ")?
            .strip_prefix(key)?
            .strip_prefix('=')?;
        Some(v.trim_matches('\'').to_owned())
    })
}

fn test_setup() -> Option<(String, String)> {
    let dir = std::env::var("LIBVIRT_TEST_DIR").unwrap_or_else(|_| "/tmp/lvtest".into());
    let env_file = Path::new(&dir).join("env");
    let uri = std::env::var("LIBVIRT_TEST_URI")
        .ok()
        .or_else(|| from_env_file(&env_file, "LIBVIRT_TEST_URI"))?;
    let pid = std::env::var("RPC_BENCH_DAEMON_PID")
        .ok()
        .or_else(|| std::fs::read_to_string(Path::new(&dir).join("libvirtd.pid")).ok())
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|| "0".into());
    Some((uri, pid))
}

/// The C harness: `RPC_BENCH_C_HARNESS`, or compiled next to this binary's
/// profile directory (`<target>/release/c_harness`) when missing or stale.
fn c_harness() -> Result<PathBuf, String> {
    if let Ok(p) = std::env::var("RPC_BENCH_C_HARNESS") {
        return Ok(PathBuf::from(p));
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/c_harness.c");
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .ok_or("no target directory")?;
    let out = dir.join("c_harness");
    let mtime = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    if matches!((mtime(&out), mtime(&src)), (Some(o), Some(s)) if o >= s) {
        return Ok(out);
    }
    let flags = Command::new("pkg-config")
        .args(["--cflags", "--libs", "libvirt"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .ok_or("pkg-config --libs libvirt failed: install libvirt-dev and pkg-config (scripts/bench.sh does)")?;
    let status = Command::new("gcc")
        .args(["-O2", "-Wall", "-pthread"])
        .arg(&src)
        .arg("-o")
        .arg(&out)
        .args(flags.split_whitespace())
        .status()
        .map_err(|e| format!("gcc: {e}"))?;
    if !status.success() {
        return Err("compiling c_harness.c failed".into());
    }
    Ok(out)
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

struct Summary {
    calls: f64,
    calls_min: f64,
    calls_max: f64,
    cpu: f64,
    sys: f64,
    ctx: f64,
    daemon: f64,
    rss: f64,
    anon: f64,
    client_pct: f64,
    daemon_pct: f64,
    others_pct: f64,
}

fn summarize(runs: &[Run]) -> Summary {
    let col = |f: fn(&Run) -> f64| runs.iter().map(f).collect::<Vec<_>>();
    let calls = col(|r| r.calls_per_s);
    Summary {
        calls: median(&mut calls.clone()),
        calls_min: calls.iter().copied().fold(f64::INFINITY, f64::min),
        calls_max: calls.iter().copied().fold(0.0, f64::max),
        cpu: median(&mut col(|r| r.cpu_us_per_call)),
        sys: median(&mut col(|r| r.sys_pct)),
        ctx: median(&mut col(|r| r.ctx_per_call)),
        daemon: median(&mut col(|r| r.daemon_us_per_call)),
        rss: col(|r| r.maxrss_kib).into_iter().fold(0.0, f64::max),
        anon: col(|r| r.anon_kib).into_iter().fold(0.0, f64::max),
        client_pct: median(&mut col(|r| r.client_pct)),
        daemon_pct: median(&mut col(|r| r.daemon_pct)),
        others_pct: median(&mut col(|r| r.others_pct)),
    }
}

fn label(v: &str) -> &str {
    match v {
        "ct" => "ours current_thread",
        "mt" => "ours multi_thread",
        "blocking" => "ours BlockingClient",
        "c" => "C libvirt",
        _ => v,
    }
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "MISSED"
    }
}

fn orchestrate() -> Result<(), String> {
    let Some((uri, daemon)) = test_setup() else {
        println!(
            "rpc_vs_c: SKIPPED: no LIBVIRT_TEST_URI and no /tmp/lvtest/env; \
             run scripts/libvirtd.sh start /tmp/lvtest (or scripts/bench.sh)"
        );
        return Ok(());
    };
    let rounds: usize = env_or("RPC_BENCH_ROUNDS", "3")
        .parse()
        .map_err(|_| "RPC_BENCH_ROUNDS")?;
    let secs = env_or("RPC_BENCH_SECS", "3");
    let warmup = env_or("RPC_BENCH_WARMUP", "0.5");
    let conc: Vec<usize> = env_or("RPC_BENCH_CONCURRENCY", "1,8,32")
        .split(',')
        .map(|s| s.trim().parse().map_err(|_| format!("bad concurrency {s}")))
        .collect::<Result<_, _>>()?;
    let variants: Vec<String> = env_or("RPC_BENCH_VARIANTS", "ct,mt,blocking,c")
        .split(',')
        .map(|s| s.trim().to_lowercase())
        .collect();
    let harness = if variants.iter().any(|v| v == "c") {
        Some(c_harness()?)
    } else {
        None
    };
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let ncpu = std::thread::available_parallelism().map_or(1, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("rpc_vs_c: CONNECT_GET_LIB_VERSION on one connection, {uri}");
    if let Ok(n) = std::env::var("RPC_BENCH_MAX_IN_FLIGHT") {
        println!("  our clients: max_in_flight {n}");
    }
    println!(
        "  daemon pid {daemon}, {rounds} rounds x {secs} s (+{warmup} s warm-up) per run, \
         {ncpu} CPUs, loadavg before: {}",
        load.trim()
    );

    let mut results: BTreeMap<(usize, String), Vec<Run>> = BTreeMap::new();
    for round in 0..rounds {
        for &n in &conc {
            let mut order = variants.clone();
            let k = round % order.len().max(1);
            order.rotate_left(k);
            for v in &order {
                let mut cmd = match v.as_str() {
                    "c" => {
                        let mut c = Command::new(harness.as_ref().expect("harness"));
                        c.args([&uri, &n.to_string(), &secs, &warmup, &daemon]);
                        c
                    }
                    _ => {
                        let mut c = Command::new(&exe);
                        c.args(["--child", v, &uri, &n.to_string(), &secs, &warmup, &daemon]);
                        c
                    }
                };
                let out = cmd.output().map_err(|e| format!("running {v}: {e}"))?;
                let stdout = String::from_utf8_lossy(&out.stdout);
                if !out.status.success() {
                    return Err(format!(
                        "{v} N={n} failed ({}): {}{}",
                        out.status,
                        stdout,
                        String::from_utf8_lossy(&out.stderr)
                    ));
                }
                let line = stdout.lines().last().unwrap_or("");
                let run = parse_line(line)?;
                eprintln!(
                    "  round {} N={n:>2} {:<20} {:>8.0} calls/s  {:>5.1} us CPU/call  daemon {:>5.1} us/call  \
                     CPU% client {:>3.0} daemon {:>3.0} others {:>3.0}",
                    round + 1,
                    label(v),
                    run.calls_per_s,
                    run.cpu_us_per_call,
                    run.daemon_us_per_call,
                    run.client_pct,
                    run.daemon_pct,
                    run.others_pct
                );
                results.entry((n, v.clone())).or_default().push(run);
            }
        }
    }

    let mut t = String::new();
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "{:>3} {:<20} {:>8} {:>15} {:>7} {:>5} {:>5} {:>8} {:>9} {:>8} {:>16}",
        "N",
        "client",
        "calls/s",
        "(min..max)",
        "CPU/c",
        "sys",
        "cs/c",
        "daemon/c",
        "peak RSS",
        "anon",
        "CPU% cli/dmn/oth"
    );
    let mut sums: BTreeMap<(usize, String), Summary> = BTreeMap::new();
    for &n in &conc {
        for v in &variants {
            let Some(runs) = results.get(&(n, v.clone())) else {
                continue;
            };
            let s = summarize(runs);
            let _ = writeln!(
                t,
                "{:>3} {:<20} {:>8.0} {:>15} {:>5.1}us {:>4.0}% {:>5.2} {:>6.1}us {:>6.2}MiB {:>5.2}MiB {:>16}",
                n,
                label(v),
                s.calls,
                format!("({:.0}..{:.0})", s.calls_min, s.calls_max),
                s.cpu,
                s.sys,
                s.ctx,
                s.daemon,
                s.rss / 1024.0,
                s.anon / 1024.0,
                format!("{:.0}/{:.0}/{:.0}", s.client_pct, s.daemon_pct, s.others_pct),
            );
            sums.insert((n, v.clone()), s);
        }
    }
    if variants.iter().any(|v| v == "c") {
        let _ = writeln!(t);
        let _ = writeln!(
            t,
            "ratios ours/C (medians); goals: calls/s >= {GOAL_CALLS_1}x at 1 and >= {GOAL_CALLS_N}x at 8 and 32, \
             CPU/call <= {GOAL_CPU}x, peak RSS <= 4 MiB"
        );
        let _ = writeln!(
            t,
            "{:>3} {:<20} {:>12} {:>7} {:>12} {:>7} {:>10} {:>7}",
            "N", "client", "calls/s", "goal", "CPU/call", "goal", "peak RSS", "goal"
        );
        for v in variants.iter().filter(|v| *v != "c") {
            for &n in &conc {
                let (Some(o), Some(c)) = (sums.get(&(n, v.clone())), sums.get(&(n, "c".into())))
                else {
                    continue;
                };
                let goal = if n == 1 { GOAL_CALLS_1 } else { GOAL_CALLS_N };
                let rc = o.calls / c.calls;
                let rcpu = o.cpu / c.cpu;
                let _ = writeln!(
                    t,
                    "{:>3} {:<20} {:>11.2}x {:>7} {:>11.2}x {:>7} {:>7.2}MiB {:>7}",
                    n,
                    label(v),
                    rc,
                    verdict(rc >= goal),
                    rcpu,
                    verdict(rcpu <= GOAL_CPU),
                    o.rss / 1024.0,
                    verdict(o.rss <= GOAL_RSS_KIB),
                );
            }
        }
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "CPU/c, cs/c: user+sys CPU and context switches per call of the client process (all threads) \
         in the measured interval, sys: the kernel's share of that CPU; daemon/c: CPU per call of the libvirtd process; peak RSS: VmHWM \
         (ru_maxrss) of the client process, anon: its RssAnon at the end (RSS minus executable and \
         library pages); CPU%: client / daemon / other processes, 100 = one of the {ncpu} CPUs."
    );
    let _ = writeln!(t, "loadavg after: {}", load.trim());
    print!("{t}");
    Ok(())
}
