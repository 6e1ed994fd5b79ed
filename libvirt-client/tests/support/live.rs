//! What the live tests (`tests/live_*.rs`) share: the environment that
//! `scripts/libvirtd.sh start DIR` describes in `DIR/env`, connections,
//! unique names, bounded waits and domain XML.
//!
//! A live test run without that environment fails at once and says how
//! to provide it; it never skips silently. Include this file with
//! `#[path = "support/live.rs"] mod live;`.

#![allow(dead_code, unreachable_pub)]

use libvirt_client::prelude::*;
use libvirt_client::proto::remote::NonnullDomain;
use libvirt_client::{BlockingClient, Client, ConnectOptions, Uri};
use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

/// How to get the environment, for the panic message.
const HOW_TO: &str = "the live tests need the private test daemons: run \
     `sudo scripts/libvirtd.sh start /tmp/lvtest` and then `source /tmp/lvtest/env` \
     in the shell that runs `cargo test`";

/// The value of environment variable `name`; panics, naming
/// `scripts/libvirtd.sh`, when it is unset or empty.
pub fn var(name: &str) -> String {
    match std::env::var(name) {
        Ok(v) if !v.is_empty() => v,
        _ => panic!("{name} is not set: {HOW_TO}"),
    }
}

/// `LIBVIRT_TEST_URI`: the test driver over the system daemon's unix socket.
pub fn test_uri() -> String {
    var("LIBVIRT_TEST_URI")
}

/// `LIBVIRT_TEST_RO_URI`: the same over the read-only socket.
pub fn ro_uri() -> String {
    var("LIBVIRT_TEST_RO_URI")
}

/// `LIBVIRT_TEST_TCP_URI`: the test driver over plain TCP.
pub fn tcp_uri() -> String {
    var("LIBVIRT_TEST_TCP_URI")
}

/// `LIBVIRT_TEST_QEMU_URI`: the QEMU driver of the system daemon.
pub fn qemu_uri() -> String {
    var("LIBVIRT_TEST_QEMU_URI")
}

/// `LIBVIRT_TEST_ADMIN_URI`: the system daemon's admin socket.
pub fn admin_uri() -> String {
    var("LIBVIRT_TEST_ADMIN_URI")
}

/// `LIBVIRT_TEST_SESSION_USER`: the unprivileged user of session daemons.
pub fn session_user() -> String {
    var("LIBVIRT_TEST_SESSION_USER")
}

/// `LIBVIRT_TEST_PYTHON`: a Python with the libvirt bindings.
pub fn python() -> String {
    var("LIBVIRT_TEST_PYTHON")
}

/// Parses a URI from the environment.
pub fn parse(uri: &str) -> Uri {
    Uri::parse(uri).unwrap_or_else(|e| panic!("bad URI {uri:?}: {e}"))
}

/// How long any single step of a live test may take before the test
/// fails instead of hanging.
pub const STEP: Duration = Duration::from_secs(30);

/// Awaits `fut`, failing the test if it takes longer than `limit`.
pub async fn within<T>(limit: Duration, what: &str, fut: impl Future<Output = T>) -> T {
    match tokio::time::timeout(limit, fut).await {
        Ok(v) => v,
        Err(_) => panic!("{what} did not finish within {limit:?}"),
    }
}

/// Opens and spawns a connection to `uri` with default options.
pub async fn connect(uri: &str) -> Client {
    connect_with(uri, ConnectOptions::new()).await
}

/// Opens and spawns a connection to `uri` with `options`.
pub async fn connect_with(uri: &str, options: ConnectOptions) -> Client {
    let parsed = parse(uri);
    let opened = within(
        STEP,
        "connecting",
        libvirt_client::connect_with(&parsed, &options),
    )
    .await;
    let (client, connection) = opened.unwrap_or_else(|e| panic!("connecting to {uri}: {e}"));
    connection.spawn();
    client
}

/// A blocking connection to `uri`.
pub fn blocking(uri: &str) -> BlockingClient {
    BlockingClient::connect_with(parse(uri), ConnectOptions::new())
        .unwrap_or_else(|e| panic!("connecting to {uri}: {e}"))
}

/// A name no other test (or other run of this one) uses:
/// `lvrs-WHAT-PID-N`.
pub fn unique_name(what: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("lvrs-{what}-{}-{n}", std::process::id())
}

/// `virDomainState` values.
pub mod state {
    pub const RUNNING: i32 = 1;
    pub const PAUSED: i32 = 3;
    pub const SHUTOFF: i32 = 5;
}

/// A small test-driver domain.
pub fn test_domain_xml(name: &str) -> String {
    format!(
        "<domain type='test'><name>{name}</name><memory unit='KiB'>65536</memory>\
         <currentMemory unit='KiB'>32768</currentMemory><vcpu>2</vcpu>\
         <os><type>hvm</type></os></domain>"
    )
}

/// `LIBVIRT_TEST_DOMAIN_XML` (the tiny QEMU domain) named `name`, with
/// the domain type of `LIBVIRT_TEST_VIRT_TYPE` (kvm or qemu).
pub fn qemu_domain_xml(name: &str) -> String {
    let path = var("LIBVIRT_TEST_DOMAIN_XML");
    let virt_type = var("LIBVIRT_TEST_VIRT_TYPE");
    let template = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    let xml = template
        .replace(
            "<domain type='qemu'>",
            &format!("<domain type='{virt_type}'>"),
        )
        .replace("<name>lvrs-tiny</name>", &format!("<name>{name}</name>"));
    assert!(
        xml.contains(&format!("<name>{name}</name>"))
            && xml.contains(&format!("<domain type='{virt_type}'>")),
        "{path} no longer has the <domain type='qemu'> and <name>lvrs-tiny</name> this test edits"
    );
    xml
}

/// Destroys and undefines a QEMU domain when dropped, so that a failing
/// test leaves nothing running or defined in `/etc/libvirt/qemu`. Uses
/// its own blocking connection, so it works from sync and async tests.
pub struct QemuDomainGuard {
    client: BlockingClient,
    name: String,
}

impl QemuDomainGuard {
    /// Guards the QEMU domain `name` (defined or about to be).
    pub fn new(name: &str) -> Self {
        Self {
            client: blocking(&qemu_uri()),
            name: name.to_string(),
        }
    }

    /// Looks the domain up (it must exist).
    pub fn domain(&self) -> NonnullDomain {
        self.client
            .domain_lookup_by_name(&self.name)
            .unwrap_or_else(|e| panic!("looking up {}: {e}", self.name))
    }
}

impl Drop for QemuDomainGuard {
    fn drop(&mut self) {
        if let Ok(dom) = self.client.domain_lookup_by_name(&self.name) {
            let _ = self.client.domain_destroy(&dom);
            let _ = self.client.domain_undefine_flags(&dom, 0);
        }
        let _ = self.client.close();
    }
}

/// A private test-driver node for comparisons: running, paused and
/// shut-off domains (one with a non-ASCII name), two
/// networks, two pools with volumes whose names sort case-insensitively,
/// and a host without a CPU frequency.
pub const NODE_XML: &str = r#"<node>
  <domain type='test'>
    <name>alpha</name>
    <uuid>11111111-2222-3333-4444-000000000001</uuid>
    <os><type>hvm</type></os>
    <memory>524288</memory>
    <currentMemory>262144</currentMemory>
    <vcpu>2</vcpu>
  </domain>
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
    <test:runstate>3</test:runstate>
    <name>Beta-with-a-longer-name</name>
    <uuid>11111111-2222-3333-4444-000000000002</uuid>
    <os><type>hvm</type></os>
    <memory>1048576</memory>
    <vcpu>1</vcpu>
  </domain>
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
    <test:runstate>5</test:runstate>
    <name>gamma</name>
    <uuid>11111111-2222-3333-4444-000000000003</uuid>
    <os><type>hvm</type></os>
    <memory>65536</memory>
    <vcpu>1</vcpu>
  </domain>
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
    <test:runstate>5</test:runstate>
    <name>déjà-vu</name>
    <uuid>11111111-2222-3333-4444-000000000004</uuid>
    <os><type>hvm</type></os>
    <memory>65536</memory>
    <vcpu>1</vcpu>
  </domain>
  <network>
    <name>default</name>
    <uuid>22222222-2222-3333-4444-000000000001</uuid>
    <bridge name='virbr0'/>
    <ip address='192.168.122.1' netmask='255.255.255.0'/>
  </network>
  <network>
    <name>isolated-network-with-long-name</name>
    <uuid>22222222-2222-3333-4444-000000000002</uuid>
    <bridge name='virbr9'/>
  </network>
  <pool type='dir'>
    <name>default-pool</name>
    <uuid>33333333-2222-3333-4444-000000000001</uuid>
    <capacity>107374182400</capacity>
    <allocation>0</allocation>
    <available>107374182400</available>
    <target><path>/default-pool</path></target>
    <volume><name>disk-b.img</name><capacity>1000000</capacity><target/></volume>
    <volume><name>Disk-A.qcow2</name><capacity>2000000</capacity><target/></volume>
    <volume><name>c</name><capacity>1</capacity><target/></volume>
  </pool>
  <pool type='dir'>
    <name>empty</name>
    <uuid>33333333-2222-3333-4444-000000000002</uuid>
    <capacity>1000</capacity>
    <allocation>0</allocation>
    <available>1000</available>
    <target><path>/empty</path></target>
  </pool>
  <cpu>
    <mhz>0</mhz>
    <model>i686</model>
    <active>4</active>
    <nodes>1</nodes>
    <sockets>1</sockets>
    <cores>2</cores>
    <threads>2</threads>
  </cpu>
  <memory>4194304</memory>
</node>
"#;

/// A file removed when dropped.
pub struct TempFile(PathBuf);

impl TempFile {
    pub fn new(what: &str, contents: &str) -> Self {
        let path = std::env::temp_dir().join(format!("{}.xml", unique_name(what)));
        std::fs::write(&path, contents).unwrap();
        Self(path)
    }

    pub fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The private node: its file and the URI that opens it on the shared
/// daemon's read-write socket. Every connection to that URI gets its own
/// fresh copy of the node, so what one test does there no other sees.
pub fn fixture_node() -> (TempFile, String) {
    let file = TempFile::new("node", NODE_XML);
    let socket = var("LIBVIRT_TEST_SOCK");
    let uri = format!("test+unix://{}?socket={socket}", file.path());
    (file, uri)
}
