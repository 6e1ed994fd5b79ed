//! Errors: what a failed call returns and how to tell the cases apart.
//!
//! ```text
//! cargo run -p libvirt-client --example errors -- 'test+unix:///default?socket=/run/libvirt/libvirt-sock'
//! ```

use libvirt_client::api::{Connect, Domain};
use libvirt_client::{Error, ErrorNumber};

#[tokio::main(flavor = "current_thread")]
async fn main() -> libvirt_client::Result<()> {
    let uri = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "test:///default".into());

    // A URI that cannot be parsed fails before anything is sent.
    match Connect::open("qemu://[bad").await {
        Err(Error::Uri(e)) => println!("bad URI: {e}"),
        other => println!("unexpected: {other:?}"),
    }

    let conn = Connect::open(&uri).await?;

    // The daemon's errors carry libvirt's code, domain and message.
    match Domain::lookup_by_name(&conn, "no-such-domain").await {
        Err(e) if e.remote_code() == Some(ErrorNumber::NoDomain) => {
            let remote = e.remote().expect("a daemon error");
            println!(
                "not found: {} (code {:?}, from {:?})",
                remote.message.as_deref().unwrap_or(""),
                remote.code,
                remote.domain
            );
        }
        Err(e) => return Err(e),
        Ok(dom) => println!("found {}", dom.name()),
    }

    // Arguments the client can check are refused before sending.
    if let Err(e) = Domain::lookup_by_uuid_string(&conn, "not-a-uuid").await {
        println!("refused locally: {e}");
    }

    // After close, every call fails at once with the same "closed" error.
    conn.close().await?;
    let after = Domain::lookup_by_name(&conn, "test").await;
    match after {
        Err(e) if e.is_closed() => println!("closed: {e}"),
        other => println!("unexpected: {other:?}"),
    }
    Ok(())
}
