//! Against a real libvirtd, described by the environment that
//! `scripts/libvirtd.sh start` writes (`source /tmp/lvtest/env`:
//! LIBVIRT_TEST_URI, LIBVIRT_TEST_TCP_URI, LIBVIRT_TEST_RO_URI,
//! LIBVIRT_TEST_ADMIN_URI). Without it every test fails, saying so.

#[path = "support/live.rs"]
mod live;

use libvirt_client::handshake::{ADMIN_PROGRAM, ADMIN_VERSION, REMOTE_PROGRAM, REMOTE_VERSION};
use libvirt_client::{Client, ConnectOptions, ErrorNumber, KeepaliveConfig, Uri};
use std::time::Duration;
use xdr_runtime::frame::message_encoder;
use xdr_runtime::{Decoder, Encoder};

const GET_LIB_VERSION: i32 = 157;
const STRING_MAX: u32 = 4_194_304;

/// The URI in environment variable `var`; panics when it is missing.
fn env_uri(var: &str) -> Uri {
    live::parse(&live::var(var))
}

async fn open(uri: &Uri, options: &ConnectOptions) -> Client {
    let (client, connection) = libvirt_client::connect_with(uri, options).await.unwrap();
    connection.spawn();
    client
}

async fn lib_version(client: &Client) -> u64 {
    client
        .call_typed(REMOTE_PROGRAM, REMOTE_VERSION, GET_LIB_VERSION, &())
        .await
        .unwrap()
}

#[tokio::test]
async fn live_handshake_and_lib_version_over_unix_and_tcp() {
    for var in ["LIBVIRT_TEST_URI", "LIBVIRT_TEST_TCP_URI"] {
        let uri = env_uri(var);
        let client = open(&uri, &ConnectOptions::new()).await;
        let v = lib_version(&client).await;
        assert!(v >= 9_000_000, "{var}: {v}");
        client.close().await.unwrap();
    }
}

#[tokio::test]
async fn live_many_concurrent_calls_on_one_connection() {
    let uri = env_uri("LIBVIRT_TEST_URI");
    let client = open(&uri, &ConnectOptions::new()).await;
    let tasks: Vec<_> = (0..200)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { lib_version(&client).await })
        })
        .collect();
    for t in tasks {
        assert!(t.await.unwrap() >= 9_000_000);
    }
    client.close().await.unwrap();
}

#[tokio::test]
async fn live_missing_domain_is_a_typed_remote_error() {
    let uri = env_uri("LIBVIRT_TEST_URI");
    let client = open(&uri, &ConnectOptions::new()).await;
    let mut args = message_encoder();
    args.put_string("no-such-domain-libvirt-rs", STRING_MAX, "name")
        .unwrap();
    // REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME
    let err = client
        .call_raw(REMOTE_PROGRAM, REMOTE_VERSION, 23, args)
        .await
        .unwrap_err();
    let remote = err.remote().expect("remote error");
    assert_eq!(remote.code, ErrorNumber::NoDomain);
    assert_eq!(remote.domain, libvirt_client::ErrorDomain::Test);
    assert_eq!(remote.level, libvirt_client::ErrorLevel::Error);
    assert_eq!(remote.message.as_deref(), Some("Domain not found"));
    // The connection is fine afterwards.
    assert!(lib_version(&client).await > 0);
    client.close().await.unwrap();
}

#[tokio::test]
async fn live_read_only_connection_is_refused_writes() {
    let uri = env_uri("LIBVIRT_TEST_URI");
    for (uri, options) in [
        (uri.clone(), ConnectOptions::new().read_only(true)),
        (env_uri("LIBVIRT_TEST_RO_URI"), ConnectOptions::new()),
    ] {
        let client = open(&uri, &options).await;
        let mut args = message_encoder();
        args.put_string("<domain/>", STRING_MAX, "xml").unwrap();
        args.put_u32(0);
        // REMOTE_PROC_DOMAIN_CREATE_XML
        let err = client
            .call_raw(REMOTE_PROGRAM, REMOTE_VERSION, 10, args)
            .await
            .unwrap_err();
        assert_eq!(
            err.remote_code(),
            Some(ErrorNumber::OperationDenied),
            "{err}"
        );
        client.close().await.unwrap();
    }
}

#[tokio::test]
async fn live_keepalive_pings_are_answered() {
    let uri = env_uri("LIBVIRT_TEST_URI");
    let options = ConnectOptions::new().keepalive(Some(KeepaliveConfig {
        interval: Duration::from_secs(1),
        count: 1,
    }));
    let client = open(&uri, &options).await;
    // Idle long enough for several pings; a missed pong would close it.
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert!(!client.is_closed());
    assert!(lib_version(&client).await > 0);
    client.close().await.unwrap();
}

#[tokio::test]
async fn live_admin_connection_lists_servers() {
    let uri = env_uri("LIBVIRT_TEST_ADMIN_URI");
    assert!(uri.is_admin());
    let client = open(&uri, &ConnectOptions::new()).await;
    let mut args = message_encoder();
    args.put_u32(16);
    args.put_u32(0);
    // ADMIN_PROC_CONNECT_LIST_SERVERS
    let body = client
        .call_raw(ADMIN_PROGRAM, ADMIN_VERSION, 4, args)
        .await
        .unwrap();
    let mut dec = Decoder::new(&body);
    let names = dec
        .get_array(16384, 4, "servers", |d| d.get_string(STRING_MAX, "name"))
        .unwrap();
    let count = dec.get_u32().unwrap();
    dec.finish().unwrap();
    assert_eq!(count as usize, names.len());
    assert!(names.iter().any(|n| n == "admin"), "{names:?}");
    client.close().await.unwrap();
}

fn domain_xml(name: &str) -> String {
    format!(
        "<domain type='test'><name>{name}</name><memory>8192</memory>\
         <os><type>hvm</type></os></domain>"
    )
}

/// remote_nonnull_domain: name, uuid[16], id.
fn put_domain(enc: &mut Encoder, dom: &[u8]) {
    enc.put_raw(dom);
}

#[tokio::test]
async fn live_lifecycle_events_arrive_between_replies() {
    let uri = env_uri("LIBVIRT_TEST_URI");
    let client = open(&uri, &ConnectOptions::new()).await;
    let mut events = client.subscribe_events();
    // CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY(eventID = LIFECYCLE 0, dom = NULL)
    let mut args = message_encoder();
    args.put_i32(0);
    args.put_bool(false);
    let callback_id: i32 = {
        let body = client
            .call_raw(REMOTE_PROGRAM, REMOTE_VERSION, 316, args)
            .await
            .unwrap();
        xdr_runtime::from_bytes(&body).unwrap()
    };
    // A transient domain of our own, so other users of test:///default
    // are not disturbed.
    let name = format!("libvirt-rs-events-{}", std::process::id());
    let mut args = message_encoder();
    args.put_string(&domain_xml(&name), STRING_MAX, "xml")
        .unwrap();
    args.put_u32(0);
    let dom = client
        .call_raw(REMOTE_PROGRAM, REMOTE_VERSION, 10, args)
        .await
        .unwrap();
    let mut args = message_encoder();
    put_domain(&mut args, &dom);
    client
        .call_raw(REMOTE_PROGRAM, REMOTE_VERSION, 12, args)
        .await
        .unwrap();

    let mut seen = Vec::new();
    while seen.len() < 2 {
        let ev = tokio::time::timeout(Duration::from_secs(10), events.recv())
            .await
            .expect("lifecycle event")
            .unwrap();
        // REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE
        assert_eq!(ev.procedure, 318);
        let mut dec = Decoder::new(&ev.body);
        assert_eq!(dec.get_i32().unwrap(), callback_id);
        let dom_name = dec.get_string(STRING_MAX, "name").unwrap();
        let _uuid = dec.get_opaque_fixed::<16>().unwrap();
        let _id = dec.get_i32().unwrap();
        let event = dec.get_i32().unwrap();
        if dom_name == name {
            seen.push(event);
        }
    }
    // VIR_DOMAIN_EVENT_STARTED = 2, VIR_DOMAIN_EVENT_STOPPED = 5
    assert_eq!(seen, [2, 5]);
    let mut args = message_encoder();
    args.put_i32(callback_id);
    client
        .call_raw(REMOTE_PROGRAM, REMOTE_VERSION, 317, args)
        .await
        .unwrap();
    client.close().await.unwrap();
}

#[test]
fn live_blocking_client_from_plain_threads() {
    let uri = env_uri("LIBVIRT_TEST_URI");
    let client = libvirt_client::BlockingClient::connect_with(uri, ConnectOptions::new()).unwrap();
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            std::thread::spawn(move || {
                for _ in 0..20 {
                    let v: u64 = client
                        .call_typed(REMOTE_PROGRAM, REMOTE_VERSION, GET_LIB_VERSION, &())
                        .unwrap();
                    assert!(v >= 9_000_000);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    client.close().unwrap();
}
