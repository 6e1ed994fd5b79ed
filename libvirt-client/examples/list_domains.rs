//! Lists every domain of a connection with its state, memory and virtual
//! CPUs, the way `virsh list --all` does.
//!
//! ```text
//! cargo run -p libvirt-client --example list_domains -- 'test+unix:///default?socket=/run/libvirt/libvirt-sock'
//! ```
//!
//! Without an argument the URI comes from `LIBVIRT_DEFAULT_URI`.

use libvirt_client::api::{Connect, ConnectListAllDomainsFlags};

#[tokio::main(flavor = "current_thread")]
async fn main() -> libvirt_client::Result<()> {
    let uri = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("LIBVIRT_DEFAULT_URI").ok())
        .unwrap_or_else(|| "qemu:///system".into());
    let conn = Connect::open(&uri).await?;
    println!(
        "{:<5} {:<24} {:<12} {:>10} {:>5}",
        "Id", "Name", "State", "KiB", "vCPUs"
    );
    for dom in conn
        .list_all_domains(ConnectListAllDomainsFlags::empty())
        .await?
    {
        let info = dom.get_info().await?;
        let id = dom.id().map_or("-".to_string(), |id| id.to_string());
        println!(
            "{id:<5} {:<24} {:<12} {:>10} {:>5}",
            dom.name(),
            info.state.to_string(),
            info.memory,
            info.nr_virt_cpu
        );
    }
    conn.close().await
}
