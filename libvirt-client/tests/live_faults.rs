//! A daemon that dies or freezes in the middle of calls. Each test starts
//! its OWN session-mode libvirtd (as the unprivileged session user of
//! `scripts/libvirtd.sh`, with its own socket and XDG directories under a
//! temporary directory) and kills only that one; the shared daemons are
//! never touched. Needs root (to switch to the session user) and the
//! environment of `scripts/libvirtd.sh start` (`source /tmp/lvtest/env`).

#[path = "support/live.rs"]
mod live;

use futures_util::stream::{FuturesUnordered, StreamExt};
use libvirt_client::prelude::*;
use libvirt_client::{Client, CloseReason, ConnectOptions, KeepaliveConfig};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A libvirtd of our own, stopped and removed when dropped.
struct PrivateDaemon {
    child: Child,
    dir: PathBuf,
}

/// The numeric id `id -u USER` / `id -g USER` prints.
fn id_of(flag: &str, user: &str) -> u32 {
    let out = Command::new("id").args([flag, user]).output().unwrap();
    assert!(out.status.success(), "id {flag} {user}: {out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

impl PrivateDaemon {
    /// Starts a session-mode libvirtd serving only a unix socket in a
    /// fresh directory, as `scripts/libvirtd.sh` starts its session one.
    fn start(tag: &str) -> Self {
        let user = live::session_user();
        let (uid, gid) = (id_of("-u", &user), id_of("-g", &user));
        let dir = std::env::temp_dir().join(live::unique_name(tag));
        for sub in [
            "run",
            "home",
            "xdg-config",
            "xdg-cache",
            "xdg-data",
            "xdg-runtime",
        ] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        let conf = dir.join("libvirtd.conf");
        std::fs::write(
            &conf,
            format!(
                "unix_sock_dir = \"{run}\"\nunix_sock_rw_perms = \"0700\"\n\
                 auth_unix_rw = \"none\"\nlog_outputs = \"3:file:{log}\"\n",
                run = dir.join("run").display(),
                log = dir.join("libvirtd.log").display(),
            ),
        )
        .unwrap();
        for entry in walk(&dir) {
            std::os::unix::fs::chown(&entry, Some(uid), Some(gid)).unwrap();
        }
        let xdg = |sub: &str| dir.join(sub).into_os_string();
        let child = Command::new("setpriv")
            .args(["--reuid", &user, "--regid", &user, "--init-groups", "--"])
            .arg("/usr/sbin/libvirtd")
            .arg("-f")
            .arg(&conf)
            .env_clear()
            .env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
            .env("LANG", "C.UTF-8")
            .env("HOME", xdg("home"))
            .env("XDG_RUNTIME_DIR", xdg("xdg-runtime"))
            .env("XDG_CONFIG_HOME", xdg("xdg-config"))
            .env("XDG_CACHE_HOME", xdg("xdg-cache"))
            .env("XDG_DATA_HOME", xdg("xdg-data"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting libvirtd as {user} with setpriv: {e}"));
        Self { child, dir }
    }

    fn uri(&self) -> String {
        format!(
            "test+unix:///default?socket={}",
            self.dir.join("run/libvirt-sock").display()
        )
    }

    /// Connects once the daemon answers (it needs a moment to start).
    async fn connect(&mut self, options: ConnectOptions) -> Client {
        let uri = live::parse(&self.uri());
        let deadline = Instant::now() + live::STEP;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("libvirtd exited ({status}); see {}", self.log().display());
            }
            if let Ok((client, connection)) = libvirt_client::connect_with(&uri, &options).await {
                connection.spawn();
                return client;
            }
            assert!(
                Instant::now() < deadline,
                "libvirtd did not answer within {:?}; see {}",
                live::STEP,
                self.log().display()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn log(&self) -> PathBuf {
        self.dir.join("libvirtd.log")
    }

    /// Sends `signal` (a name such as `STOP`) to this daemon only.
    fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.child.id().to_string())
            .status()
            .unwrap();
        assert!(status.success(), "kill -{signal} {}", self.child.id());
    }

    /// SIGKILL, and reap it.
    fn kill(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for PrivateDaemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// `dir` and everything under it.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut all = vec![dir.to_path_buf()];
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all.extend(walk(&path));
        } else {
            all.push(path);
        }
    }
    all
}

#[tokio::test]
async fn killing_the_daemon_fails_every_pending_call_at_once_with_the_same_closed_error() {
    let mut daemon = PrivateDaemon::start("kill");
    // Keepalive off: only the kill may end this connection.
    let c = daemon.connect(ConnectOptions::new().keepalive(None)).await;
    assert_eq!(c.connect_get_type().await.unwrap(), "TEST");

    // Frozen, the daemon takes the calls but answers none of them.
    daemon.signal("STOP");
    let mut pending: FuturesUnordered<_> = (0..300).map(|_| c.connect_get_lib_version()).collect();
    let early = tokio::time::timeout(Duration::from_millis(300), pending.next()).await;
    assert!(early.is_err(), "a frozen daemon answered: {early:?}");

    daemon.kill();
    let killed = Instant::now();
    let outcomes: Vec<_> = live::within(live::STEP, "the pending calls", pending.collect()).await;
    let took = killed.elapsed();
    assert!(
        took < Duration::from_secs(5),
        "pending calls took {took:?} to fail"
    );
    assert_eq!(outcomes.len(), 300);
    let first = outcomes[0].as_ref().unwrap_err().to_string();
    for outcome in &outcomes {
        let err = outcome.as_ref().unwrap_err();
        assert!(err.is_closed(), "{err}");
        assert_eq!(err.to_string(), first);
    }
    let reason = c.close_reason().expect("the connection knows it is closed");
    assert_eq!(libvirt_client::Error::Closed(reason).to_string(), first);

    // Later calls fail at once with the same error.
    for _ in 0..3 {
        let start = Instant::now();
        let err = c.connect_get_type().await.unwrap_err();
        assert!(err.is_closed(), "{err}");
        assert_eq!(err.to_string(), first);
        assert!(start.elapsed() < Duration::from_millis(500));
    }
}

#[tokio::test]
async fn keepalive_closes_the_connection_to_a_frozen_daemon_and_fails_its_calls() {
    let mut daemon = PrivateDaemon::start("freeze");
    let options = ConnectOptions::new().keepalive(Some(KeepaliveConfig {
        interval: Duration::from_secs(1),
        count: 2,
    }));
    let c = daemon.connect(options).await;
    assert_eq!(c.connect_get_type().await.unwrap(), "TEST");

    daemon.signal("STOP");
    let call = c.connect_get_hostname();
    let (outcome, reason) = live::within(live::STEP, "keepalive to give up", async {
        tokio::join!(call, c.closed())
    })
    .await;
    assert!(matches!(reason, CloseReason::KeepaliveTimeout), "{reason}");
    let err = outcome.unwrap_err();
    assert!(err.is_closed() && err.is_timeout(), "{err}");
    daemon.kill();
}
