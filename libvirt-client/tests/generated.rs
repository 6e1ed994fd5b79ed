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
    let wire: RemoteString = "from the daemon".to_string().into();
    let admin: AdminString = None;
    let text: String = wire.unwrap_or_default();
    let list: Vec<String> = vec![text.clone()];
    let found: Option<&String> = list.first();
    let checked: Result<usize, ()> = Ok(found.map_or(0, String::len));
    assert_eq!(checked, Ok(15));
    assert!(admin.is_none());
}

/// Uses every name at the root of `libvirt_client` beside the generated
/// remote module and the runtime's `rpc` module, all glob-imported: a name
/// both define would be ambiguous here and fail to compile.
#[test]
fn glob_imports_of_the_client_the_remote_protocol_and_the_runtime_do_not_collide() {
    use libvirt_client::proto::remote::*;
    use libvirt_client::*;
    use xdr_runtime::rpc::*;

    // The client's names.
    fn named<T: ?Sized>() {}
    named::<Client>();
    named::<BlockingClient>();
    named::<BlockingStream>();
    named::<Connection>();
    named::<ConnectOptions>();
    named::<CloseReason>();
    named::<Error>();
    named::<Result<()>>();
    named::<EventMessage>();
    named::<Events>();
    named::<EventsError>();
    named::<KeepaliveConfig>();
    named::<DaemonError>();
    named::<ErrorDomainRef>();
    named::<ErrorNetworkRef>();
    named::<ErrorDomain>();
    named::<ErrorLevel>();
    named::<RawStream>();
    named::<StreamChunk>();
    named::<Transport>();
    named::<Uri>();
    named::<UriError>();
    async fn _client_functions(target: &Uri, unix: Transport, tcp: Transport) -> Result<()> {
        let options = ConnectOptions::new();
        let _ = connect("test:///default").await?;
        connect_and_spawn("test:///default").await?;
        let _ = connect_default(&options).await?;
        let _ = connect_with(target, &options).await?;
        let _ = open(unix, Some(target), &options).await?;
        let _ = from_transport(tcp, &options);
        let _ = (
            SUPPORTED_TRANSPORTS,
            handshake::REMOTE_PROGRAM,
            keepalive::KEEPALIVE_PROGRAM,
            frame::FrameCodec::new(),
            uri::TransportKind::Unix,
        );
        let _: Option<(
            events::EventMessage,
            transport::Transport,
            blocking::BlockingClient,
        )> = None;
        Ok(())
    }

    // The protocol's names, among them those that kept their prefix.
    let number: i32 = RemoteProcedure::ConnectOpen.value();
    let entry: &Procedure = procedure(number).unwrap();
    assert_eq!(entry.name, "REMOTE_PROC_CONNECT_OPEN");
    assert_eq!(PROCEDURES.len(), 453);
    assert!(Event::decode(number, &[]).unwrap().is_none());
    let wire: RemoteError = RemoteError {
        code: 42,
        domain: 0,
        message: None,
        level: 2,
        dom: None,
        str1: None,
        str2: None,
        str3: None,
        int1: 0,
        int2: 0,
        net: None,
    };
    let text: RemoteString = Some(String::from("x"));
    assert_eq!((wire.code, text.as_deref()), (42, Some("x")));
    // The runtime's.
    let _ = (Priority::High, StreamDirection::Read, message(|_| Ok(())));
    fn _transport_traits<T: Call + BlockingCall + prelude::RemoteCalls>() {}
}
