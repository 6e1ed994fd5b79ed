//! A domain's life: define it from XML, start it, read its state, pause
//! and resume it, stop it and undefine it.
//!
//! ```text
//! cargo run -p libvirt-client --example lifecycle -- 'test+unix:///default?socket=/run/libvirt/libvirt-sock'
//! ```
//!
//! The test driver (`test:///default`, reached through a daemon) runs such
//! domains without hardware.

use libvirt_client::api::{Connect, Domain, DomainState};

const XML: &str = "<domain type='test'>
  <name>example-lifecycle</name>
  <memory unit='MiB'>64</memory>
  <os><type>hvm</type></os>
</domain>";

#[tokio::main(flavor = "current_thread")]
async fn main() -> libvirt_client::Result<()> {
    let uri = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("LIBVIRT_DEFAULT_URI").ok())
        .unwrap_or_else(|| "test:///default".into());
    let conn = Connect::open(&uri).await?;

    let dom = Domain::define_xml(&conn, XML).await?;
    println!("defined {} ({}), id {:?}", dom.name(), dom.uuid(), dom.id());

    dom.create().await?;
    let info = dom.get_info().await?;
    println!(
        "started: id {:?}, {}, {} KiB, {} vCPU",
        dom.id(),
        info.state,
        info.memory,
        info.nr_virt_cpu
    );

    dom.suspend().await?;
    let (state, reason) = dom.get_state(0).await?;
    assert_eq!(state, DomainState::Paused);
    println!("{state} ({reason})");
    dom.resume().await?;

    dom.destroy().await?;
    let (state, reason) = dom.get_state(0).await?;
    println!("{state} ({reason})");

    dom.undefine().await?;
    println!("undefined");
    conn.close().await
}
