//! A real virtual machine through the QEMU driver of the private libvirtd
//! that `scripts/libvirtd.sh start` runs (`source /tmp/lvtest/env`): the
//! tiny domain of `LIBVIRT_TEST_DOMAIN_XML` with the domain type of
//! `LIBVIRT_TEST_VIRT_TYPE`, under a unique name. QEMU domains persist in
//! `/etc/libvirt/qemu`, so a guard destroys and undefines it whatever
//! happens.

#[path = "support/live.rs"]
mod live;

use libvirt_client::prelude::*;
use libvirt_client::proto::remote::NonnullDomain;
use libvirt_client::{Client, Error, ErrorNumber};
use live::state::{PAUSED, RUNNING, SHUTOFF};

/// `(state, reason)` of a domain.
async fn state_of(c: &Client, dom: &NonnullDomain) -> (i32, i32) {
    let s = c.domain_get_state(dom, 0).await.unwrap();
    (s.state, s.reason)
}

/// QEMU's own view of the run state, through the QEMU program's
/// monitor passthrough (`query-status`).
async fn qemu_status(c: &Client, dom: &NonnullDomain) -> String {
    let reply = c
        .domain_monitor_command(dom, r#"{"execute":"query-status"}"#, 0)
        .await
        .unwrap();
    let json: serde_json::Value = serde_json::from_str(&reply).unwrap();
    json["return"]["status"]
        .as_str()
        .unwrap_or_else(|| panic!("no status in {reply}"))
        .to_string()
}

#[tokio::test]
async fn a_tiny_vm_runs_pauses_resumes_and_is_destroyed_and_undefined() {
    let name = live::unique_name("vm");
    let guard = live::QemuDomainGuard::new(&name);
    let c = live::connect(&live::qemu_uri()).await;
    let dom = c
        .domain_define_xml(&live::qemu_domain_xml(&name))
        .await
        .unwrap();
    assert_eq!(guard.domain(), dom);
    assert_eq!(state_of(&c, &dom).await.0, SHUTOFF);
    let desc = c.domain_get_xml_desc(&dom, 0).await.unwrap();
    let virt_type = live::var("LIBVIRT_TEST_VIRT_TYPE");
    assert!(
        desc.contains(&format!("<domain type='{virt_type}'")),
        "{desc}"
    );

    live::within(live::STEP, "starting the VM", c.domain_create(&dom))
        .await
        .unwrap();
    let dom = c.domain_lookup_by_name(&name).await.unwrap();
    assert!(dom.id > 0, "{dom:?}");
    assert_eq!(state_of(&c, &dom).await, (RUNNING, 1), "running, booted");
    let info = c.domain_get_info(&dom).await.unwrap();
    assert_eq!(i32::from(info.state), RUNNING);
    // 64 MiB and one vCPU, as the XML says.
    assert_eq!((info.max_mem, info.memory), (65536, 65536));
    assert_eq!(info.nr_virt_cpu, 1);
    assert_eq!(qemu_status(&c, &dom).await, "running");

    c.domain_suspend(&dom).await.unwrap();
    assert_eq!(state_of(&c, &dom).await, (PAUSED, 1), "paused by the user");
    assert_eq!(qemu_status(&c, &dom).await, "paused");
    c.domain_resume(&dom).await.unwrap();
    assert_eq!(state_of(&c, &dom).await, (RUNNING, 5), "running, unpaused");
    assert_eq!(qemu_status(&c, &dom).await, "running");
    assert!(c.domain_get_info(&dom).await.unwrap().cpu_time > 0);

    c.domain_destroy(&dom).await.unwrap();
    assert_eq!(
        state_of(&c, &dom).await,
        (SHUTOFF, 2),
        "shut off, destroyed"
    );
    let err = c
        .domain_monitor_command(&dom, r#"{"execute":"query-status"}"#, 0)
        .await
        .unwrap_err();
    assert_eq!(
        err.remote_code(),
        Some(ErrorNumber::OperationInvalid),
        "{err}"
    );

    c.domain_undefine(&dom).await.unwrap();
    match c.domain_lookup_by_name(&name).await {
        Err(Error::Remote(e)) => assert_eq!(e.code, ErrorNumber::NoDomain),
        other => panic!("the undefined domain is still there: {other:?}"),
    }
    c.close().await.unwrap();
}
