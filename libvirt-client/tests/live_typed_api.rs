//! The typed API (`libvirt_client::api`) against a real libvirtd: the test
//! driver of the private daemons that `scripts/libvirtd.sh start` runs
//! (`source /tmp/lvtest/env`). Life cycles through handles, the C
//! library's behaviours the typed API reproduces (the id refreshed after
//! a start, count-only lists, the typed-parameter exchange), typed errors
//! and the blocking twins.

#[path = "support/live.rs"]
mod live;

use libvirt_client::api::{
    self, blocking, Connect, ConnectListAllDomainsFlags, ConnectListAllStoragePoolsFlags,
    DomainCreateFlags, DomainModificationImpact, DomainRunningReason, DomainShutoffReason,
    DomainState, DomainStateReason, DomainStatsTypes, DomainUndefineFlagsValues, DomainXMLFlags,
    MemoryParams, StoragePoolState, Uuid,
};
use libvirt_client::prelude::*;
use libvirt_client::{Error, ErrorNumber};
use live::STEP;

async fn open() -> Connect {
    live::within(STEP, "open", Connect::open(&live::test_uri()))
        .await
        .expect("open the test driver")
}

fn code<T: std::fmt::Debug>(r: Result<T, Error>) -> ErrorNumber {
    match r {
        Err(e) => e
            .remote_code()
            .unwrap_or_else(|| panic!("not a daemon error: {e}")),
        Ok(v) => panic!("expected an error, got {v:?}"),
    }
}

#[tokio::test]
async fn a_domain_lives_through_handles_and_its_id_follows_like_in_c() {
    let conn = open().await;
    let name = live::unique_name("typed-life");
    let dom = api::Domain::define_xml(&conn, &live::test_domain_xml(&name))
        .await
        .unwrap();
    assert_eq!(dom.name(), name);
    assert_eq!(dom.id(), None, "a defined domain has no id");
    assert!(!dom.is_active().await.unwrap());
    assert!(dom.is_persistent().await.unwrap());
    let (state, reason) = dom.get_state(0).await.unwrap();
    assert_eq!(state, DomainState::Shutoff);
    assert!(matches!(reason, DomainStateReason::Shutoff(_)));

    // virDomainCreate: the C library looks the domain up again for its id.
    let clone = dom.clone();
    dom.create().await.unwrap();
    let id = dom.id().expect("a started domain has an id");
    assert_eq!(clone.id(), Some(id), "clones share the refreshed id");
    let by_id = api::Domain::lookup_by_id(&conn, id as i32).await.unwrap();
    assert_eq!(by_id.uuid(), dom.uuid());
    let info = dom.get_info().await.unwrap();
    assert_eq!(info.state, DomainState::Running);
    assert!(info.memory > 0 && info.max_mem >= info.memory);
    assert!(info.nr_virt_cpu >= 1);
    let (state, reason) = dom.get_state(0).await.unwrap();
    assert_eq!(state, DomainState::Running);
    assert_eq!(
        reason,
        DomainStateReason::Running(DomainRunningReason::Booted)
    );
    assert!(dom.is_active().await.unwrap());

    dom.suspend().await.unwrap();
    assert_eq!(dom.get_info().await.unwrap().state, DomainState::Paused);
    dom.resume().await.unwrap();
    dom.destroy().await.unwrap();
    let (state, reason) = dom.get_state(0).await.unwrap();
    assert_eq!(state, DomainState::Shutoff);
    assert_eq!(
        reason,
        DomainStateReason::Shutoff(DomainShutoffReason::Destroyed)
    );

    // virDomainCreateWithFlags: the id comes with the reply.
    dom.create_with_flags(DomainCreateFlags::empty())
        .await
        .unwrap();
    assert!(dom.id().is_some());
    assert_ne!(dom.id(), Some(id), "a second start gets a new id");
    dom.destroy().await.unwrap();

    let xml = dom.get_xml_desc(DomainXMLFlags::INACTIVE).await.unwrap();
    assert!(xml.contains(&format!("<name>{name}</name>")));
    dom.undefine_flags(DomainUndefineFlagsValues::empty())
        .await
        .unwrap();
    assert_eq!(
        code(api::Domain::lookup_by_name(&conn, &name).await),
        ErrorNumber::NoDomain
    );
}

#[tokio::test]
async fn lookups_agree_and_uuid_strings_are_parsed_before_sending() {
    let conn = open().await;
    let dom = api::Domain::lookup_by_name(&conn, "test").await.unwrap();
    assert!(!dom.get_autostart().await.unwrap());
    let text = dom.uuid().to_string();
    let again = api::Domain::lookup_by_uuid_string(&conn, &text)
        .await
        .unwrap();
    assert_eq!(again.name(), "test");
    let parsed: Uuid = text.parse().unwrap();
    assert_eq!(
        api::Domain::lookup_by_uuid(&conn, &parsed)
            .await
            .unwrap()
            .name(),
        "test"
    );
    let bad = api::Domain::lookup_by_uuid_string(&conn, "not-a-uuid").await;
    assert!(matches!(bad, Err(Error::InvalidArgument(_))), "{bad:?}");
    assert!(conn.is_alive());
    assert_eq!(
        code(api::Domain::lookup_by_name(&conn, "no-such-domain").await),
        ErrorNumber::NoDomain
    );
}

#[tokio::test]
async fn lists_take_typed_flags_and_the_count_only_call_works_raw() {
    let conn = open().await;
    let all = conn
        .list_all_domains(ConnectListAllDomainsFlags::empty())
        .await
        .unwrap();
    let active = conn
        .list_all_domains(ConnectListAllDomainsFlags::ACTIVE)
        .await
        .unwrap();
    assert!(all.iter().any(|d| d.name() == "test"));
    assert!(active.len() <= all.len());
    for d in &active {
        assert!(d.id().is_some(), "{} is active but has no id", d.name());
    }
    // The C API's count-only form (domains = NULL, need_results = 0), raw
    // and typed. Other tests start and define domains meanwhile: compare
    // a count with the lists fetched just before and after it, once they
    // agree.
    for flags in [
        ConnectListAllDomainsFlags::empty(),
        ConnectListAllDomainsFlags::ACTIVE,
    ] {
        let mut checked = false;
        for _ in 0..50 {
            let before = conn.list_all_domains(flags).await.unwrap().len();
            let raw = conn
                .client()
                .connect_list_all_domains(0, flags.bits())
                .await
                .unwrap();
            let typed = conn.list_all_domains_count(flags).await.unwrap();
            let after = conn.list_all_domains(flags).await.unwrap().len();
            assert!(raw.domains.is_empty(), "a count-only reply carries no list");
            if before == after && raw.ret as usize == typed {
                assert_eq!(typed, before);
                checked = true;
                break;
            }
        }
        assert!(checked, "the domain list never held still for {flags:?}");
    }

    let pools = conn
        .list_all_storage_pools(ConnectListAllStoragePoolsFlags::ACTIVE)
        .await
        .unwrap();
    let pool = pools.iter().find(|p| p.name() == "default-pool").unwrap();
    let info = pool.get_info().await.unwrap();
    assert_eq!(
        StoragePoolState::from_raw(i32::from(info.state)),
        StoragePoolState::Running
    );
    assert!(info.capacity >= info.allocation);
    for vol in pool.list_all_volumes(0).await.unwrap() {
        assert_eq!(vol.pool_name(), "default-pool");
        let path = vol.get_path().await.unwrap();
        let by_path = api::StorageVol::lookup_by_path(&conn, &path).await.unwrap();
        assert_eq!(by_path.key(), vol.key());
    }
}

#[tokio::test]
async fn typed_parameters_come_through_the_count_then_fetch_exchange() {
    let conn = open().await;
    let dom = api::Domain::lookup_by_name(&conn, "test").await.unwrap();
    // The test driver implements memory parameters: the C library asks
    // for the count, then the values.
    let mem = dom
        .get_memory_parameters(DomainModificationImpact::empty())
        .await
        .unwrap();
    assert!(mem.hard_limit.is_some() || mem.soft_limit.is_some() || !mem.extra.is_empty());
    let numa = dom
        .get_numa_parameters(DomainModificationImpact::empty())
        .await
        .unwrap();
    // The nodeset is a string parameter: it only arrives because the
    // string-okay flag is added as the C library does.
    assert!(numa.nodeset.is_some());

    // All-domain statistics: records with handles and typed parameters.
    let records = conn
        .get_all_domain_stats(DomainStatsTypes::STATE, Default::default())
        .await
        .unwrap();
    let rec = records.iter().find(|r| r.domain.name() == "test").unwrap();
    let state: i32 = rec.params.get("state.state").unwrap().unwrap();
    assert_eq!(
        DomainState::from_raw(state),
        dom.get_info().await.unwrap().state
    );
    let listed = api::Domain::list_get_stats(
        std::slice::from_ref(&dom),
        DomainStatsTypes::STATE,
        Default::default(),
    )
    .await
    .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        listed[0].params.get_value("state.state"),
        rec.params.get_value("state.state")
    );
    let empty = api::Domain::list_get_stats(&[], DomainStatsTypes::STATE, Default::default()).await;
    assert!(matches!(empty, Err(Error::InvalidArgument(_))));

    // Setting typed parameters: a parameter the driver does not know is
    // refused by the daemon with a typed error.
    let mut params = MemoryParams::default();
    params.extra.set("no_such_parameter", 1u64);
    let err = dom
        .set_memory_parameters(&params, DomainModificationImpact::empty())
        .await;
    assert!(err.unwrap_err().is_remote());
}

#[test]
fn the_blocking_twins_do_the_same() {
    let conn = blocking::Connect::open(&live::test_uri()).unwrap();
    let name = live::unique_name("typed-blocking");
    let dom = blocking::Domain::define_xml(&conn, &live::test_domain_xml(&name)).unwrap();
    assert_eq!(dom.name(), name);
    assert_eq!(dom.id(), None);
    dom.create().unwrap();
    assert!(dom.id().is_some());
    assert_eq!(dom.get_info().unwrap().state, DomainState::Running);
    let listed = conn
        .list_all_domains(ConnectListAllDomainsFlags::ACTIVE)
        .unwrap();
    assert!(listed.iter().any(|d| d.name() == name));
    let node = conn.node_get_info().unwrap();
    assert!(node.cpus > 0);
    dom.destroy().unwrap();
    dom.undefine().unwrap();
    let gone = blocking::Domain::lookup_by_name(&conn, &name);
    assert_eq!(gone.unwrap_err().remote_code(), Some(ErrorNumber::NoDomain));
    conn.close().unwrap();
    assert!(!conn.is_alive());
}

#[test]
fn the_default_connection_follows_libvirt_default_uri() {
    // No other test of this file reads the variable.
    std::env::set_var("LIBVIRT_DEFAULT_URI", live::test_uri());
    let conn = blocking::Connect::open_default().unwrap();
    assert_eq!(conn.get_uri().unwrap(), live::test_uri());
    assert_eq!(
        blocking::Domain::lookup_by_name(&conn, "test")
            .unwrap()
            .name(),
        "test"
    );
    conn.close().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let conn = Connect::open_default().await.unwrap();
        assert_eq!(conn.get_uri().await.unwrap(), live::test_uri());
        assert!(conn.node_get_info().await.unwrap().cpus > 0);
        conn.close().await.unwrap();
    });
}
