//! The generated API against a real libvirtd: the test driver of the
//! private daemons that `scripts/libvirtd.sh start` runs (`source
//! /tmp/lvtest/env`), plus its TCP listener and, for secrets (the test
//! driver has no secret driver), its QEMU connection.
//!
//! The test driver keeps `test:///default`'s state while any connection
//! to it is open, and other tests share it: each test keeps its own
//! connection open for as long as it needs its objects and names them
//! uniquely.

#[path = "support/live.rs"]
mod live;

use libvirt_client::prelude::*;
use libvirt_client::proto::remote::{self, NonnullDomain, NonnullSecret};
use libvirt_client::{
    BlockingClient, Client, ConnectOptions, DaemonError, Error, ErrorDomain, ErrorLevel,
    ErrorNumber, KeepaliveConfig,
};
use live::state::{PAUSED, RUNNING, SHUTOFF};
use live::STEP;
use std::collections::BTreeMap;
use std::time::Duration;

/// `VIR_CONNECT_LIST_NETWORKS_INACTIVE` / `_ACTIVE` (the storage pool
/// flags have the same values).
const LIST_INACTIVE: u32 = 1;
const LIST_ACTIVE: u32 = 2;
/// `VIR_STORAGE_POOL_INACTIVE` / `_RUNNING`.
const POOL_INACTIVE: u8 = 0;
const POOL_RUNNING: u8 = 2;
/// `VIR_SECRET_USAGE_TYPE_CEPH`.
const SECRET_USAGE_CEPH: i32 = 2;
/// `VIR_DOMAIN_EVENT_ID_LIFECYCLE`.
const EVENT_ID_LIFECYCLE: i32 = 0;

/// The daemon's error for a failed call; panics on success or on any
/// other kind of error.
fn remote_error<T: std::fmt::Debug>(result: Result<T, Error>) -> DaemonError {
    match result {
        Err(Error::Remote(e)) => *e,
        other => panic!("expected an error from the daemon, got {other:?}"),
    }
}

/// `(state, reason)` of a domain.
async fn state_of(c: &Client, dom: &NonnullDomain) -> (i32, i32) {
    let s = c.domain_get_state(dom, 0).await.unwrap();
    (s.state, s.reason)
}

#[tokio::test]
async fn a_defined_domain_starts_pauses_resumes_shuts_down_and_is_undefined() {
    let c = live::connect(&live::test_uri()).await;
    let name = live::unique_name("lifecycle");
    let dom = c
        .domain_define_xml(&live::test_domain_xml(&name))
        .await
        .unwrap();
    assert_eq!((dom.name.as_str(), dom.id), (name.as_str(), -1));
    assert_eq!(c.domain_is_persistent(&dom).await.unwrap(), 1);
    assert_eq!(c.domain_is_active(&dom).await.unwrap(), 0);
    assert_eq!(
        state_of(&c, &dom).await,
        (SHUTOFF, 0),
        "defined: shut off, unknown"
    );

    c.domain_create(&dom).await.unwrap();
    let dom = c.domain_lookup_by_name(&name).await.unwrap();
    assert!(dom.id > 0, "a running domain has an id: {dom:?}");
    assert_eq!(state_of(&c, &dom).await, (RUNNING, 1), "running, booted");
    let info = c.domain_get_info(&dom).await.unwrap();
    assert_eq!(i32::from(info.state), RUNNING);
    assert_eq!((info.max_mem, info.memory), (65536, 32768));
    assert_eq!(info.nr_virt_cpu, 2);

    c.domain_suspend(&dom).await.unwrap();
    assert_eq!(state_of(&c, &dom).await, (PAUSED, 1), "paused by the user");
    c.domain_resume(&dom).await.unwrap();
    assert_eq!(state_of(&c, &dom).await, (RUNNING, 5), "running, unpaused");
    c.domain_shutdown(&dom).await.unwrap();
    assert_eq!(
        state_of(&c, &dom).await,
        (SHUTOFF, 1),
        "shut off by shutdown"
    );

    c.domain_create(&dom).await.unwrap();
    c.domain_destroy(&dom).await.unwrap();
    assert_eq!(
        state_of(&c, &dom).await,
        (SHUTOFF, 2),
        "shut off, destroyed"
    );
    assert_eq!(
        i32::from(c.domain_get_info(&dom).await.unwrap().state),
        SHUTOFF
    );

    c.domain_undefine(&dom).await.unwrap();
    let err = remote_error(c.domain_lookup_by_name(&name).await);
    assert_eq!(err.code, ErrorNumber::NoDomain);
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_network_is_defined_started_listed_stopped_and_undefined() {
    let c = live::connect(&live::test_uri()).await;
    let name = live::unique_name("net");
    let xml = format!("<network><name>{name}</name></network>");
    let net = c.network_define_xml(&xml).await.unwrap();
    assert_eq!(net.name, name);
    assert_eq!(c.network_is_active(&net).await.unwrap(), 0);
    assert_eq!(c.network_is_persistent(&net).await.unwrap(), 1);
    let inactive = c
        .connect_list_all_networks(1, LIST_INACTIVE)
        .await
        .unwrap()
        .nets;
    assert!(inactive.contains(&net), "{inactive:?}");
    // need_results = 0: the daemon sends the count and no list.
    let count_only = c.connect_list_all_networks(0, LIST_INACTIVE).await.unwrap();
    assert!(count_only.nets.is_empty(), "{count_only:?}");
    assert!(count_only.ret >= 1, "ours at least: {count_only:?}");

    c.network_create(&net).await.unwrap();
    assert_eq!(c.network_is_active(&net).await.unwrap(), 1);
    let active = c
        .connect_list_all_networks(1, LIST_ACTIVE)
        .await
        .unwrap()
        .nets;
    assert!(active.contains(&net), "{active:?}");
    let by_uuid = c.network_lookup_by_uuid(&net.uuid).await.unwrap();
    assert_eq!(by_uuid, net);
    let desc = c.network_get_xml_desc(&net, 0).await.unwrap();
    assert!(desc.contains(&format!("<name>{name}</name>")), "{desc}");

    c.network_destroy(&net).await.unwrap();
    assert_eq!(c.network_is_active(&net).await.unwrap(), 0);
    c.network_undefine(&net).await.unwrap();
    let err = remote_error(c.network_lookup_by_name(&name).await);
    assert_eq!(err.code, ErrorNumber::NoNetwork);
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_storage_pool_holds_a_volume_until_both_are_removed() {
    let c = live::connect(&live::test_uri()).await;
    let default_pool = c.storage_pool_lookup_by_name("default-pool").await.unwrap();
    assert_eq!(c.storage_pool_is_active(&default_pool).await.unwrap(), 1);

    let name = live::unique_name("pool");
    let xml =
        format!("<pool type='dir'><name>{name}</name><target><path>/{name}</path></target></pool>");
    let pool = c.storage_pool_define_xml(&xml, 0).await.unwrap();
    assert_eq!(c.storage_pool_is_active(&pool).await.unwrap(), 0);
    c.storage_pool_build(&pool, 0).await.unwrap();
    c.storage_pool_create(&pool, 0).await.unwrap();
    let info = c.storage_pool_get_info(&pool).await.unwrap();
    assert_eq!(info.state, POOL_RUNNING);
    assert!(info.capacity > 0, "{info:?}");

    let vol_xml = "<volume><name>disk.img</name>\
                   <capacity unit='bytes'>1048576</capacity></volume>";
    let vol = c.storage_vol_create_xml(&pool, vol_xml, 0).await.unwrap();
    assert_eq!(
        (vol.pool.as_str(), vol.name.as_str()),
        (name.as_str(), "disk.img")
    );
    let vol_info = c.storage_vol_get_info(&vol).await.unwrap();
    assert_eq!(vol_info.capacity, 1_048_576);
    assert!(vol_info.allocation <= vol_info.capacity, "{vol_info:?}");
    let path = c.storage_vol_get_path(&vol).await.unwrap();
    assert_eq!(path, format!("/{name}/disk.img"));
    assert_eq!(c.storage_vol_lookup_by_path(&path).await.unwrap(), vol);
    let vols = c
        .storage_pool_list_all_volumes(&pool, 1, 0)
        .await
        .unwrap()
        .vols;
    assert_eq!(vols, std::slice::from_ref(&vol));

    c.storage_vol_delete(&vol, 0).await.unwrap();
    let err = remote_error(c.storage_vol_lookup_by_name(&pool, "disk.img").await);
    assert_eq!(err.code, ErrorNumber::NoStorageVol);
    c.storage_pool_destroy(&pool).await.unwrap();
    let info = c.storage_pool_get_info(&pool).await.unwrap();
    assert_eq!(info.state, POOL_INACTIVE);
    c.storage_pool_undefine(&pool).await.unwrap();
    let err = remote_error(c.storage_pool_lookup_by_name(&name).await);
    assert_eq!(err.code, ErrorNumber::NoStoragePool);
    c.close().await.unwrap();
}

/// Undefines an ephemeral secret if a test fails before doing so.
struct SecretGuard {
    client: BlockingClient,
    secret: NonnullSecret,
}

impl Drop for SecretGuard {
    fn drop(&mut self) {
        let _ = self.client.secret_undefine(&self.secret);
    }
}

#[tokio::test]
async fn a_secret_keeps_its_value_until_undefined() {
    // The test driver has no secret driver: it says so with a typed error.
    let test = live::connect(&live::test_uri()).await;
    let err = remote_error(test.connect_list_all_secrets(1, 0).await);
    assert_eq!(err.code, ErrorNumber::NoSupport);
    test.close().await.unwrap();

    // The QEMU connection has one; ephemeral secrets never reach the disk.
    let c = live::connect(&live::qemu_uri()).await;
    let usage = live::unique_name("secret");
    let uuid_text = format!("6c767273-0000-4000-8000-{:012x}", std::process::id());
    let xml = format!(
        "<secret ephemeral='yes' private='no'><uuid>{uuid_text}</uuid>\
         <usage type='ceph'><name>{usage}</name></usage></secret>"
    );
    let secret = c.secret_define_xml(&xml, 0).await.unwrap();
    let _guard = SecretGuard {
        client: live::blocking(&live::qemu_uri()),
        secret: secret.clone(),
    };
    assert_eq!(secret.usage_type, SECRET_USAGE_CEPH);
    assert_eq!(secret.usage_id, usage);

    let value = b"\x00binary\xffsecret value";
    c.secret_set_value(&secret, value, 0).await.unwrap();
    assert_eq!(c.secret_get_value(&secret, 0).await.unwrap(), value);
    let by_usage = c
        .secret_lookup_by_usage(SECRET_USAGE_CEPH, &usage)
        .await
        .unwrap();
    assert_eq!(by_usage, secret);
    assert!(c
        .connect_list_all_secrets(1, 0)
        .await
        .unwrap()
        .secrets
        .contains(&secret));
    let desc = c.secret_get_xml_desc(&secret, 0).await.unwrap();
    assert!(desc.contains(&uuid_text), "{desc}");

    c.secret_undefine(&secret).await.unwrap();
    let err = remote_error(c.secret_lookup_by_uuid(&secret.uuid).await);
    assert_eq!(err.code, ErrorNumber::NoSecret);
    c.close().await.unwrap();
}

#[tokio::test]
async fn node_info_and_capabilities_describe_the_test_drivers_host() {
    let c = live::connect(&live::test_uri()).await;
    let info = c.node_get_info().await.unwrap();
    let model: Vec<u8> = info.model.iter().map(|&c| c as u8).collect();
    assert!(model.starts_with(b"i686\0"), "{model:?}");
    // The test driver's built-in host: 16 CPUs at 1400 MHz, 3 GiB.
    assert_eq!((info.cpus, info.mhz, info.memory), (16, 1400, 3_145_728));
    assert_eq!(
        info.cpus,
        info.nodes * info.sockets * info.cores * info.threads,
        "{info:?}"
    );
    let cells = c.node_get_cells_free_memory(0, info.nodes).await.unwrap();
    assert_eq!(cells.len(), info.nodes as usize);
    assert!(c.node_get_free_memory().await.unwrap() > 0);

    let caps = c.connect_get_capabilities().await.unwrap();
    for part in [
        "<capabilities>",
        "<host>",
        "<guest>",
        "<os_type>hvm</os_type>",
    ] {
        assert!(caps.contains(part), "{part} missing from {caps}");
    }
    assert_eq!(c.connect_get_type().await.unwrap(), "TEST");
    c.close().await.unwrap();
}

#[tokio::test]
async fn missing_objects_give_typed_errors_with_every_field() {
    let c = live::connect(&live::test_uri()).await;
    let missing = "lvrs-no-such-object";
    let domain = remote_error(c.domain_lookup_by_name(missing).await);
    assert_eq!(
        domain,
        DaemonError {
            code: ErrorNumber::NoDomain,
            domain: ErrorDomain::Test,
            message: Some("Domain not found".into()),
            level: ErrorLevel::Error,
            dom: None,
            str1: Some("Domain not found".into()),
            str2: None,
            str3: None,
            int1: -1,
            int2: -1,
            net: None,
        }
    );
    // The others say which name they did not find, the same way.
    let cases = [
        (
            remote_error(c.network_lookup_by_name(missing).await),
            ErrorNumber::NoNetwork,
            "Network not found",
            "no network with matching name",
        ),
        (
            remote_error(c.storage_pool_lookup_by_name(missing).await),
            ErrorNumber::NoStoragePool,
            "Storage pool not found",
            "no storage pool with matching name",
        ),
        (
            remote_error(c.storage_vol_lookup_by_path(missing).await),
            ErrorNumber::NoStorageVol,
            "Storage volume not found",
            "no storage vol with matching path",
        ),
        (
            remote_error(c.interface_lookup_by_name(missing).await),
            ErrorNumber::NoInterface,
            "Interface not found",
            "no interface with matching name",
        ),
        (
            remote_error(c.node_device_lookup_by_name(missing).await),
            ErrorNumber::NoNodeDevice,
            "Node device not found",
            "no node device with matching name",
        ),
    ];
    for (err, code, what, detail) in cases {
        let detail = format!("{detail} '{missing}'");
        assert_eq!(
            err,
            DaemonError {
                code,
                domain: ErrorDomain::Test,
                message: Some(format!("{what}: {detail}")),
                level: ErrorLevel::Error,
                dom: None,
                str1: Some(format!("{what}: %s")),
                str2: Some(detail.clone()),
                str3: None,
                int1: -1,
                int2: -1,
                net: None,
            }
        );
    }
    // Errors leave the connection usable.
    assert_eq!(c.connect_get_type().await.unwrap(), "TEST");
    c.close().await.unwrap();
}

#[tokio::test]
async fn read_only_connections_are_refused_every_write() {
    let ro_socket = (live::ro_uri(), ConnectOptions::new());
    let ro_flag = (live::test_uri(), ConnectOptions::new().read_only(true));
    for (uri, options) in [ro_socket, ro_flag] {
        let c = live::connect_with(&uri, options).await;
        let test = c.domain_lookup_by_name("test").await.unwrap();
        let name = live::unique_name("ro");
        let xml = live::test_domain_xml(&name);
        let denied = [
            remote_error(c.domain_create_xml(&xml, 0).await),
            remote_error(c.domain_define_xml(&xml).await),
            remote_error(c.domain_suspend(&test).await),
            remote_error(
                c.network_define_xml("<network><name>x</name></network>")
                    .await,
            ),
        ];
        for err in denied {
            assert_eq!(err.code, ErrorNumber::OperationDenied, "{uri}: {err}");
            let message = err.message.unwrap_or_default();
            assert!(message.contains("read only access"), "{message}");
        }
        // Reading still works.
        let doms = c.connect_list_all_domains(1, 0).await.unwrap().domains;
        assert!(doms.contains(&test), "{doms:?}");
        c.close().await.unwrap();
    }
}

/// One of the calls mixed in the concurrency test, with the answer it
/// must get.
#[derive(Debug, Clone, PartialEq)]
enum Answer {
    Text(String),
    Number(u64),
    Domain(NonnullDomain),
    NodeInfo(remote::NodeGetInfoRet),
    Error(ErrorNumber),
}

/// Makes call number `i` of the mix.
async fn mixed_call(c: &Client, i: usize) -> Answer {
    let text = |r: Result<String, Error>| Answer::Text(r.unwrap());
    match i % 10 {
        0 => text(c.connect_get_hostname().await),
        1 => Answer::Number(c.connect_get_lib_version().await.unwrap()),
        2 => Answer::Domain(c.domain_lookup_by_name("test").await.unwrap()),
        3 => Answer::Domain(c.domain_lookup_by_id(1).await.unwrap()),
        4 => Answer::NodeInfo(c.node_get_info().await.unwrap()),
        5 => {
            let feature = (i / 10 % 20) as i32 + 1;
            Answer::Number(c.connect_supports_feature(feature).await.unwrap() as u64)
        }
        6 => {
            let missing = format!("lvrs-missing-{i}");
            Answer::Error(remote_error(c.domain_lookup_by_name(&missing).await).code)
        }
        7 => text(
            c.storage_pool_lookup_by_name("default-pool")
                .await
                .map(|p| p.name),
        ),
        8 => {
            let net = c.network_lookup_by_name("default").await.unwrap();
            text(c.network_get_xml_desc(&net, 0).await)
        }
        _ => text(c.connect_get_capabilities().await),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_thousand_concurrent_calls_on_one_connection_each_get_their_own_answer() {
    let c = live::connect(&live::test_uri()).await;
    // The expected answers, one call at a time (call 5 depends on i / 10).
    let mut expected = BTreeMap::new();
    for i in 0..200 {
        let key = (i % 10, if i % 10 == 5 { i / 10 % 20 } else { 0 });
        if let std::collections::btree_map::Entry::Vacant(slot) = expected.entry(key) {
            slot.insert(mixed_call(&c, i).await);
        }
    }
    let tasks: Vec<_> = (0..1000)
        .map(|i| {
            let c = c.clone();
            tokio::spawn(async move { (i, mixed_call(&c, i).await) })
        })
        .collect();
    for task in tasks {
        let (i, answer) = live::within(STEP, "a concurrent call", task).await.unwrap();
        let key = (i % 10, if i % 10 == 5 { i / 10 % 20 } else { 0 });
        assert_eq!(answer, expected[&key], "call {i}");
    }
    c.close().await.unwrap();
}

#[tokio::test]
async fn unix_and_tcp_connections_reach_the_same_daemon_state() {
    let unix = live::connect(&live::test_uri()).await;
    let tcp = live::connect(&live::tcp_uri()).await;
    for c in [&unix, &tcp] {
        assert_eq!(c.connect_get_uri().await.unwrap(), "test:///default");
    }
    assert_eq!(
        unix.connect_get_lib_version().await.unwrap(),
        tcp.connect_get_lib_version().await.unwrap()
    );
    // A domain started over one transport is seen and stopped over the other.
    let name = live::unique_name("transport");
    let dom = unix
        .domain_create_xml(&live::test_domain_xml(&name), 0)
        .await
        .unwrap();
    let seen = tcp.domain_lookup_by_name(&name).await.unwrap();
    assert_eq!(seen, dom);
    tcp.domain_destroy(&seen).await.unwrap();
    let err = remote_error(unix.domain_lookup_by_uuid(&dom.uuid).await);
    assert_eq!(err.code, ErrorNumber::NoDomain);
    unix.close().await.unwrap();
    tcp.close().await.unwrap();
}

#[tokio::test]
async fn keepalive_with_a_one_second_interval_keeps_an_idle_connection_open() {
    let options = ConnectOptions::new().keepalive(Some(KeepaliveConfig {
        interval: Duration::from_secs(1),
        count: 1,
    }));
    let c = live::connect_with(&live::test_uri(), options).await;
    // With pings every second and one allowed miss, a dead keepalive
    // would close the connection within about two seconds.
    let closed = tokio::time::timeout(Duration::from_secs(5), c.closed()).await;
    assert!(closed.is_err(), "closed while idle: {closed:?}");
    assert_eq!(c.connect_get_type().await.unwrap(), "TEST");
    c.close().await.unwrap();
}

/// The lifecycle events about domain `name` as `(callback, event,
/// detail)`, until `count` have arrived; other events are skipped.
async fn lifecycle_events(
    events: &mut libvirt_client::Events,
    name: &str,
    count: usize,
) -> Vec<(i32, i32, i32)> {
    let mut seen = Vec::new();
    while seen.len() < count {
        let raw = live::within(STEP, "a lifecycle event", events.recv())
            .await
            .unwrap();
        let decoded = remote::Event::decode(raw.procedure, &raw.body).unwrap();
        if let Some(remote::Event::DomainEventCallbackLifecycle(m)) = decoded {
            if m.msg.dom.name == name {
                seen.push((m.callback_id, m.msg.event, m.msg.detail));
            }
        }
    }
    seen
}

#[tokio::test]
async fn lifecycle_events_of_our_domain_arrive_decoded_in_order() {
    let c = live::connect(&live::test_uri()).await;
    let mut events = c.subscribe_events();
    let any = c
        .connect_domain_event_callback_register_any(EVENT_ID_LIFECYCLE, None)
        .await
        .unwrap();
    let name = live::unique_name("events");
    let dom = c
        .domain_define_xml(&live::test_domain_xml(&name))
        .await
        .unwrap();
    // A second callback for this domain only.
    let mine = c
        .connect_domain_event_callback_register_any(EVENT_ID_LIFECYCLE, Some(&dom))
        .await
        .unwrap();
    assert_ne!(any, mine);
    c.domain_create(&dom).await.unwrap();
    c.domain_suspend(&dom).await.unwrap();
    c.domain_resume(&dom).await.unwrap();
    c.domain_destroy(&dom).await.unwrap();
    c.domain_undefine(&dom).await.unwrap();

    // (event, detail): DEFINED/ADDED, STARTED/BOOTED, SUSPENDED/PAUSED,
    // RESUMED/UNPAUSED, STOPPED/DESTROYED, UNDEFINED/REMOVED; the filtered
    // callback was registered after the definition.
    let expected = [(0, 0), (2, 0), (3, 0), (4, 0), (5, 1), (1, 0)];
    let seen = lifecycle_events(&mut events, &name, 2 * expected.len() - 1).await;
    let of = |callback: i32| -> Vec<(i32, i32)> {
        seen.iter()
            .filter(|e| e.0 == callback)
            .map(|e| (e.1, e.2))
            .collect()
    };
    assert_eq!(of(any), expected, "{seen:?}");
    assert_eq!(of(mine), expected[1..], "{seen:?}");
    for id in [any, mine] {
        c.connect_domain_event_callback_deregister_any(id)
            .await
            .unwrap();
    }
    c.close().await.unwrap();
}
