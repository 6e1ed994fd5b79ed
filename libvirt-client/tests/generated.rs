//! Generated methods of the call traits on a `Client`, against the mock
//! daemon.

mod support;

use libvirt_client::prelude::*;
use support::spawned;

/// `REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS`.
const LIST_ALL_DOMAINS: i32 = 273;

#[tokio::test]
async fn a_count_only_list_all_domains_reply_gives_the_count() {
    let (client, mut daemon) = spawned();
    let server = tokio::spawn(async move {
        let call = daemon.recv_call().await;
        assert_eq!(call.header.procedure, LIST_ALL_DOMAINS);
        // need_results = 0, flags = 0
        assert_eq!(&call.body[..], [0u8; 8]);
        // What libvirtd answers: an empty list and the count in `ret`.
        let mut body = 0u32.to_be_bytes().to_vec();
        body.extend(3u32.to_be_bytes());
        daemon.reply(&call, body).await;
        daemon
    });
    let reply = client.connect_list_all_domains(0, 0).await.unwrap();
    assert_eq!(reply.ret, 3);
    assert!(reply.domains.is_empty());
    server.await.unwrap();
}

#[test]
fn glob_imports_of_generated_modules_shadow_no_prelude_name() {
    use libvirt_client::proto::admin::*;
    use libvirt_client::proto::remote::*;
    // `remote_string` and `admin_string` keep their prefix, so `String`,
    // `Option`, `Vec` and `Result` are still the prelude's.
    let wire: RemoteString = Some("from the daemon".to_string());
    let admin: AdminString = None;
    let text: String = wire.unwrap_or_default();
    let list: Vec<String> = vec![text.clone()];
    let found: Option<&String> = list.first();
    let checked: Result<usize, ()> = Ok(found.map_or(0, String::len));
    assert_eq!(checked, Ok(15));
    assert!(admin.is_none());
}
