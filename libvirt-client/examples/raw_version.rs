//! Opens a connection with the full handshake and makes a few raw calls:
//! `CONNECT_GET_LIB_VERSION` and `CONNECT_GET_URI` for normal URIs,
//! `ADMIN_PROC_CONNECT_GET_LIB_VERSION` and `ADMIN_PROC_CONNECT_LIST_SERVERS`
//! for admin URIs (`libvirtd:///system`, `virtqemud:///system?socket=...`).
//!
//! ```text
//! cargo run -p libvirt-client --example raw_version -- 'test+tcp://127.0.0.1:16509/default'
//! cargo run -p libvirt-client --example raw_version -- 'libvirtd:///system'
//! ```
//!
//! Without an argument the URI comes from `LIBVIRT_DEFAULT_URI`. Add
//! `--ro` for a read-only connection and `--blocking` to use the blocking
//! client from a plain thread.

use libvirt_client::handshake::{ADMIN_PROGRAM, ADMIN_VERSION, REMOTE_PROGRAM, REMOTE_VERSION};
use libvirt_client::{BlockingClient, Client, ConnectOptions, Uri};
use xdr_runtime::frame::message_encoder;
use xdr_runtime::Decoder;

const REMOTE_PROC_CONNECT_GET_LIB_VERSION: i32 = 157;
const REMOTE_PROC_CONNECT_GET_URI: i32 = 110;
const ADMIN_PROC_CONNECT_GET_LIB_VERSION: i32 = 3;
const ADMIN_PROC_CONNECT_LIST_SERVERS: i32 = 4;
const STRING_MAX: u32 = 4_194_304;

fn version_string(v: u64) -> String {
    format!("{}.{}.{}", v / 1_000_000, v / 1000 % 1000, v % 1000)
}

fn decode_servers(body: &[u8]) -> Result<(Vec<String>, u32), xdr_runtime::Error> {
    // admin_connect_list_servers_ret { admin_nonnull_server servers<16384>; unsigned int ret; }
    let mut dec = Decoder::new(body);
    let names = dec.get_array(16384, 4, "servers", |d| {
        d.get_string(STRING_MAX, "admin_nonnull_server.name")
    })?;
    let ret = dec.get_u32()?;
    dec.finish()?;
    Ok((names, ret))
}

async fn run_admin(client: &Client) -> libvirt_client::Result<()> {
    let v: u64 = client
        .call_typed(
            ADMIN_PROGRAM,
            ADMIN_VERSION,
            ADMIN_PROC_CONNECT_GET_LIB_VERSION,
            &(),
        )
        .await?;
    println!("daemon library version {}", version_string(v));
    let mut args = message_encoder();
    args.put_u32(16); // need_results
    args.put_u32(0); // flags
    let body = client
        .call_raw(
            ADMIN_PROGRAM,
            ADMIN_VERSION,
            ADMIN_PROC_CONNECT_LIST_SERVERS,
            args,
        )
        .await?;
    let (names, count) = decode_servers(&body)?;
    println!("{count} servers: {}", names.join(", "));
    Ok(())
}

async fn run_remote(client: &Client) -> libvirt_client::Result<()> {
    let v: u64 = client
        .call_typed(
            REMOTE_PROGRAM,
            REMOTE_VERSION,
            REMOTE_PROC_CONNECT_GET_LIB_VERSION,
            &(),
        )
        .await?;
    println!("libvirt library version {}", version_string(v));
    let body = client
        .call_raw(
            REMOTE_PROGRAM,
            REMOTE_VERSION,
            REMOTE_PROC_CONNECT_GET_URI,
            message_encoder(),
        )
        .await?;
    let uri = Decoder::new(&body).get_string(STRING_MAX, "remote_connect_get_uri_ret.uri")?;
    println!("daemon-side URI {uri}");
    Ok(())
}

fn run_blocking(uri: Uri, options: ConnectOptions) -> libvirt_client::Result<()> {
    let admin = uri.is_admin();
    let client = BlockingClient::connect_with(uri, options)?;
    let v: u64 = if admin {
        client.call_typed(
            ADMIN_PROGRAM,
            ADMIN_VERSION,
            ADMIN_PROC_CONNECT_GET_LIB_VERSION,
            &(),
        )?
    } else {
        client.call_typed(
            REMOTE_PROGRAM,
            REMOTE_VERSION,
            REMOTE_PROC_CONNECT_GET_LIB_VERSION,
            &(),
        )?
    };
    println!("(blocking) library version {}", version_string(v));
    client.close()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let read_only = args.iter().any(|a| a == "--ro");
    let blocking = args.iter().any(|a| a == "--blocking");
    let uri = match args.iter().find(|a| !a.starts_with("--")) {
        Some(s) => Uri::parse(s)?,
        None => Uri::from_env()?.ok_or("give a URI or set LIBVIRT_DEFAULT_URI")?,
    };
    let what = if uri.is_admin() {
        "admin connection".to_owned()
    } else {
        format!(
            "transport {}, CONNECT_OPEN name {:?}",
            uri.transport(),
            uri.open_name()
        )
    };
    let ro = if read_only { ", read-only" } else { "" };
    println!("connecting to {uri} ({what}{ro})");
    let options = ConnectOptions::new().read_only(read_only);
    if blocking {
        return Ok(run_blocking(uri, options)?);
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let (client, connection) = libvirt_client::connect_with(&uri, &options).await?;
        let driver = connection.spawn();
        if uri.is_admin() {
            run_admin(&client).await?;
        } else {
            run_remote(&client).await?;
        }
        client.close().await?;
        driver.await.expect("driver task")?;
        println!("closed cleanly");
        Ok(())
    })
}
