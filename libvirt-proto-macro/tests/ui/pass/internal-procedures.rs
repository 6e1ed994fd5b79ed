// `internal` procedures keep their place in the procedure table and get
// their methods from `pub(crate)` traits, usable in the invoking crate.

mod demo {
    libvirt_proto_macro::include_protocol!(
        source = r#"
const DEMO_PROGRAM = 0x20008086;
const DEMO_PROTOCOL_VERSION = 1;

struct demo_connect_open_args {
    unsigned int flags;
};

struct demo_connect_get_version_ret {
    unsigned hyper hv_ver;
};

enum demo_procedure {
    DEMO_PROC_CONNECT_OPEN = 1,
    DEMO_PROC_CONNECT_CLOSE = 2,
    DEMO_PROC_CONNECT_GET_VERSION = 3
};
"#,
        internal = [CONNECT_OPEN, DEMO_PROC_CONNECT_CLOSE],
    );
}

use demo::{DemoBlockingCalls, DemoInternalBlockingCalls};
use std::cell::RefCell;
use xdr_runtime::rpc::{BlockingCall, Procedure};
use xdr_runtime::Encoder;

/// Answers every call with `reply` and records the procedure names.
struct Canned {
    reply: Vec<u8>,
    called: RefCell<Vec<&'static str>>,
}

impl BlockingCall for Canned {
    type Error = xdr_runtime::Error;
    type Reply = Vec<u8>;
    type Stream = ();

    fn call_blocking(
        &self,
        procedure: &'static Procedure,
        _: Encoder,
    ) -> Result<Vec<u8>, Self::Error> {
        self.called.borrow_mut().push(procedure.name);
        Ok(self.reply.clone())
    }

    fn call_with_stream_blocking(
        &self,
        procedure: &'static Procedure,
        message: Encoder,
    ) -> Result<(Vec<u8>, ()), Self::Error> {
        Ok((self.call_blocking(procedure, message)?, ()))
    }
}

fn main() {
    assert_eq!(demo::PROCEDURES.len(), 3);
    let empty = Canned {
        reply: Vec::new(),
        called: RefCell::new(Vec::new()),
    };
    empty.connect_open(0).unwrap();
    empty.connect_close().unwrap();
    let version = Canned {
        reply: vec![0, 0, 0, 0, 0, 0, 0, 9],
        called: RefCell::new(Vec::new()),
    };
    assert_eq!(version.connect_get_version().unwrap(), 9);
    assert_eq!(
        *empty.called.borrow(),
        ["DEMO_PROC_CONNECT_OPEN", "DEMO_PROC_CONNECT_CLOSE"]
    );
}
