//! The admin program (`admin_protocol.x`) against the admin socket of the
//! private libvirtd that `scripts/libvirtd.sh start` runs (`source
//! /tmp/lvtest/env`).
//!
//! Admin and remote method names overlap (`connect_get_lib_version`, ...),
//! so the one remote call here is written out with its trait.

#[path = "support/live.rs"]
mod live;

use libvirt_client::proto::admin::{self, AdminCalls};
use libvirt_client::proto::remote::RemoteCalls;

/// The value of the typed parameter `field`, if present.
fn param(params: &[admin::TypedParam], field: &str) -> Option<admin::TypedParamValue> {
    params
        .iter()
        .find(|p| p.field == field)
        .map(|p| p.value.clone())
}

/// An integer typed parameter (of any width) that must be present.
fn int(params: &[admin::TypedParam], field: &str) -> i128 {
    match param(params, field) {
        Some(admin::TypedParamValue::Int(v)) => v.into(),
        Some(admin::TypedParamValue::Uint(v)) => v.into(),
        Some(admin::TypedParamValue::Llong(v)) => v.into(),
        Some(admin::TypedParamValue::Ullong(v)) => v.into(),
        other => panic!("{field}: {other:?} in {params:?}"),
    }
}

#[tokio::test]
async fn the_admin_program_lists_servers_and_our_own_new_client() {
    let adm = live::connect(&live::admin_uri()).await;
    let servers = adm.connect_list_servers(1, 0).await.unwrap().servers;
    let names: Vec<_> = servers.iter().map(|s| s.name.as_str()).collect();
    assert!(
        names.contains(&"admin") && names.contains(&"libvirtd"),
        "{names:?}"
    );
    let libvirtd = adm.connect_lookup_server("libvirtd", 0).await.unwrap();
    let before: Vec<u64> = adm
        .server_list_clients(&libvirtd, 1, 0)
        .await
        .unwrap()
        .clients
        .iter()
        .map(|c| c.id)
        .collect();

    let ours = live::connect(&live::test_uri()).await;
    let after = adm
        .server_list_clients(&libvirtd, 1, 0)
        .await
        .unwrap()
        .clients;
    let mut new_from_us = Vec::new();
    for client in after.iter().filter(|c| !before.contains(&c.id)) {
        let info = adm.client_get_info(client, 0).await.unwrap();
        if int(&info, "unix_process_id") == i128::from(std::process::id()) {
            new_from_us.push((client.clone(), info));
        }
    }
    assert!(
        !new_from_us.is_empty(),
        "no new client of this process among {after:?}"
    );
    for (client, info) in &new_from_us {
        assert_eq!(client.transport, 0, "VIR_CLIENT_TRANS_UNIX: {client:?}");
        assert_eq!(
            param(info, "readonly"),
            Some(admin::TypedParamValue::Boolean(0)),
            "{info:?}"
        );
        let looked_up = adm
            .server_lookup_client(&libvirtd, client.id, 0)
            .await
            .unwrap();
        assert_eq!(&looked_up, client);
    }
    assert_eq!(
        AdminCalls::connect_get_lib_version(&adm).await.unwrap(),
        RemoteCalls::connect_get_lib_version(&ours).await.unwrap()
    );
    ours.close().await.unwrap();
    adm.close().await.unwrap();
}

#[tokio::test]
async fn the_admin_program_reports_thread_pool_and_logging_settings() {
    let adm = live::connect(&live::admin_uri()).await;
    let libvirtd = adm.connect_lookup_server("libvirtd", 0).await.unwrap();
    let pool = adm
        .server_get_threadpool_parameters(&libvirtd, 0)
        .await
        .unwrap();
    let (min, max, n) = (
        int(&pool, "minWorkers"),
        int(&pool, "maxWorkers"),
        int(&pool, "nWorkers"),
    );
    assert!(min <= n && n <= max && max > 0, "{pool:?}");
    let limits = adm.server_get_client_limits(&libvirtd, 0).await.unwrap();
    assert!(int(&limits, "nclients_max") >= int(&limits, "nclients"));

    // scripts/libvirtd.sh logs to DIR/libvirtd.log.
    let outputs = adm.connect_get_logging_outputs(0).await.unwrap();
    let log = format!("file:{}/libvirtd.log", live::var("LIBVIRT_TEST_DIR"));
    assert!(outputs.outputs.contains(&log), "{outputs:?}");
    assert_eq!(outputs.noutputs, 1, "{outputs:?}");
    adm.close().await.unwrap();
}
