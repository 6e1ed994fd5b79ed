//! Types shared by the integration tests, written the way generated code
//! writes them, and proptest strategies for them.
//!
//! ```text
//! enum kind { KIND_A = 1, KIND_B = 2, KIND_NEG = -1 };
//!
//! union outcome switch (int status) {
//! case 0: hyper value;
//! case 1: string message<32>;
//! case 2: void;
//! default: opaque raw<8>;
//! };
//!
//! struct inner {
//!     string tags<3>;          /* each string<8> */
//!     int *x;
//! };
//!
//! struct node { int value; node *next; };
//!
//! struct tree { unsigned int id; tree children<>; };
//!
//! struct composite {
//!     int i; unsigned int u; hyper h; unsigned hyper uh;
//!     float f; double d; bool b;
//!     char c; unsigned char uc; short s; unsigned short us;
//!     kind k;
//!     opaque uuid[16]; opaque tag[3];
//!     opaque data<64>; string name<32>;
//!     int ints[3]; hyper hypers<8>; string names<4>;   /* each string<16> */
//!     unsigned int *opt; string *optname;            /* string<16> */
//!     outcome out;
//!     inner inners<4>;
//!     node *list;
//! };
//! ```

#![allow(dead_code)]

use proptest::collection::vec;
use proptest::prelude::*;
use xdr_runtime::{Decode, Decoder, Encode, Encoder, Error, Result};

/// An `f32` compared by its bits, so that NaN payloads and -0.0 count.
#[derive(Debug, Clone, Copy)]
pub(crate) struct F32(pub(crate) f32);

impl PartialEq for F32 {
    fn eq(&self, other: &Self) -> bool {
        self.0.to_bits() == other.0.to_bits()
    }
}

impl Encode for F32 {
    fn encode(&self, enc: &mut Encoder) -> Result<()> {
        self.0.encode(enc)
    }
}

impl Decode for F32 {
    fn decode(dec: &mut Decoder<'_>) -> Result<Self> {
        f32::decode(dec).map(F32)
    }
}

/// An `f64` compared by its bits.
#[derive(Debug, Clone, Copy)]
pub(crate) struct F64(pub(crate) f64);

impl PartialEq for F64 {
    fn eq(&self, other: &Self) -> bool {
        self.0.to_bits() == other.0.to_bits()
    }
}

impl Encode for F64 {
    fn encode(&self, enc: &mut Encoder) -> Result<()> {
        self.0.encode(enc)
    }
}

impl Decode for F64 {
    fn decode(dec: &mut Decoder<'_>) -> Result<Self> {
        f64::decode(dec).map(F64)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    A,
    B,
    Neg,
}

impl Encode for Kind {
    fn encode(&self, enc: &mut Encoder) -> Result<()> {
        enc.put_i32(match self {
            Kind::A => 1,
            Kind::B => 2,
            Kind::Neg => -1,
        });
        Ok(())
    }
}

impl Decode for Kind {
    fn decode(dec: &mut Decoder<'_>) -> Result<Self> {
        match dec.get_i32()? {
            1 => Ok(Kind::A),
            2 => Ok(Kind::B),
            -1 => Ok(Kind::Neg),
            v => Err(Error::InvalidDiscriminant {
                union: "kind",
                value: v.into(),
            }),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Outcome {
    Value(i64),
    Message(String),
    Nothing,
    Other(i32, Vec<u8>),
}

impl Encode for Outcome {
    fn encode(&self, enc: &mut Encoder) -> Result<()> {
        match self {
            Outcome::Value(v) => {
                enc.put_i32(0);
                enc.put_i64(*v);
                Ok(())
            }
            Outcome::Message(m) => {
                enc.put_i32(1);
                enc.put_string(m, 32, "outcome.message")
            }
            Outcome::Nothing => {
                enc.put_i32(2);
                Ok(())
            }
            Outcome::Other(d, raw) => {
                if (0..=2).contains(d) {
                    return Err(Error::InvalidDiscriminant {
                        union: "outcome",
                        value: (*d).into(),
                    });
                }
                enc.put_i32(*d);
                enc.put_opaque(raw, 8, "outcome.raw")
            }
        }
    }
}

impl Decode for Outcome {
    fn decode(dec: &mut Decoder<'_>) -> Result<Self> {
        Ok(match dec.get_i32()? {
            0 => Outcome::Value(dec.get_i64()?),
            1 => Outcome::Message(dec.get_string(32, "outcome.message")?),
            2 => Outcome::Nothing,
            d => Outcome::Other(d, dec.get_opaque(8, "outcome.raw")?),
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Inner {
    pub(crate) tags: Vec<String>,
    pub(crate) x: Option<i32>,
}

impl Encode for Inner {
    fn encode(&self, enc: &mut Encoder) -> Result<()> {
        enc.put_array(&self.tags, 3, "inner.tags", |e, s| {
            e.put_string(s, 8, "inner.tags")
        })?;
        enc.put_option(self.x.as_ref(), |e, v| v.encode(e))
    }
}

impl Decode for Inner {
    fn decode(dec: &mut Decoder<'_>) -> Result<Self> {
        Ok(Self {
            tags: dec.get_array(3, 4, "inner.tags", |d| d.get_string(8, "inner.tags"))?,
            x: dec.get_option(i32::decode)?,
        })
    }
}

/// A linked list: recursion through optional data.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub(crate) value: i32,
    pub(crate) next: Option<Box<Node>>,
}

impl Encode for Node {
    fn encode(&self, enc: &mut Encoder) -> Result<()> {
        enc.put_i32(self.value);
        enc.put_option(self.next.as_deref(), |e, n| n.encode(e))
    }
}

impl Decode for Node {
    fn decode(dec: &mut Decoder<'_>) -> Result<Self> {
        Ok(Self {
            value: dec.get_i32()?,
            next: dec.get_option(|d| Node::decode(d).map(Box::new))?,
        })
    }
}

impl Node {
    /// A list of `n` nodes (n >= 1) holding 0, 1, ...
    pub(crate) fn chain(n: usize) -> Self {
        let mut node = Node {
            value: (n - 1) as i32,
            next: None,
        };
        for v in (0..n - 1).rev() {
            node = Node {
                value: v as i32,
                next: Some(Box::new(node)),
            };
        }
        node
    }

    /// Drops a long list without recursing.
    pub(crate) fn dismantle(mut self) {
        while let Some(next) = self.next.take() {
            self = *next;
        }
    }
}

/// A tree: recursion through a variable-length array.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tree {
    pub(crate) id: u32,
    pub(crate) children: Vec<Tree>,
}

impl Encode for Tree {
    fn encode(&self, enc: &mut Encoder) -> Result<()> {
        enc.put_u32(self.id);
        enc.put_array(&self.children, u32::MAX, "tree.children", |e, t| {
            t.encode(e)
        })
    }
}

impl Decode for Tree {
    fn decode(dec: &mut Decoder<'_>) -> Result<Self> {
        Ok(Self {
            id: dec.get_u32()?,
            children: dec.get_array(u32::MAX, 8, "tree.children", Tree::decode)?,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Composite {
    pub(crate) i: i32,
    pub(crate) u: u32,
    pub(crate) h: i64,
    pub(crate) uh: u64,
    pub(crate) f: F32,
    pub(crate) d: F64,
    pub(crate) b: bool,
    pub(crate) c: i8,
    pub(crate) uc: u8,
    pub(crate) s: i16,
    pub(crate) us: u16,
    pub(crate) k: Kind,
    pub(crate) uuid: [u8; 16],
    pub(crate) tag: [u8; 3],
    pub(crate) data: Vec<u8>,
    pub(crate) name: String,
    pub(crate) ints: Vec<i32>,
    pub(crate) hypers: Vec<i64>,
    pub(crate) names: Vec<String>,
    pub(crate) opt: Option<u32>,
    pub(crate) optname: Option<String>,
    pub(crate) out: Outcome,
    pub(crate) inners: Vec<Inner>,
    pub(crate) list: Option<Box<Node>>,
}

impl Encode for Composite {
    fn encode(&self, enc: &mut Encoder) -> Result<()> {
        self.i.encode(enc)?;
        self.u.encode(enc)?;
        self.h.encode(enc)?;
        self.uh.encode(enc)?;
        self.f.encode(enc)?;
        self.d.encode(enc)?;
        self.b.encode(enc)?;
        self.c.encode(enc)?;
        self.uc.encode(enc)?;
        self.s.encode(enc)?;
        self.us.encode(enc)?;
        self.k.encode(enc)?;
        enc.put_opaque_fixed(&self.uuid);
        enc.put_opaque_fixed(&self.tag);
        enc.put_opaque(&self.data, 64, "composite.data")?;
        enc.put_string(&self.name, 32, "composite.name")?;
        enc.put_array_exact(&self.ints, 3, "composite.ints", |e, v| v.encode(e))?;
        enc.put_array(&self.hypers, 8, "composite.hypers", |e, v| v.encode(e))?;
        enc.put_array(&self.names, 4, "composite.names", |e, s| {
            e.put_string(s, 16, "composite.names")
        })?;
        enc.put_option(self.opt.as_ref(), |e, v| v.encode(e))?;
        enc.put_option(self.optname.as_deref(), |e, s| {
            e.put_string(s, 16, "composite.optname")
        })?;
        self.out.encode(enc)?;
        enc.put_array(&self.inners, 4, "composite.inners", |e, v| v.encode(e))?;
        enc.put_option(self.list.as_deref(), |e, n| n.encode(e))
    }
}

impl Decode for Composite {
    fn decode(dec: &mut Decoder<'_>) -> Result<Self> {
        Ok(Self {
            i: Decode::decode(dec)?,
            u: Decode::decode(dec)?,
            h: Decode::decode(dec)?,
            uh: Decode::decode(dec)?,
            f: Decode::decode(dec)?,
            d: Decode::decode(dec)?,
            b: Decode::decode(dec)?,
            c: Decode::decode(dec)?,
            uc: Decode::decode(dec)?,
            s: Decode::decode(dec)?,
            us: Decode::decode(dec)?,
            k: Decode::decode(dec)?,
            uuid: dec.get_opaque_fixed()?,
            tag: dec.get_opaque_fixed()?,
            data: dec.get_opaque(64, "composite.data")?,
            name: dec.get_string(32, "composite.name")?,
            ints: dec.get_array_exact(3, 4, "composite.ints", i32::decode)?,
            hypers: dec.get_array(8, 8, "composite.hypers", i64::decode)?,
            names: dec.get_array(4, 4, "composite.names", |d| {
                d.get_string(16, "composite.names")
            })?,
            opt: dec.get_option(u32::decode)?,
            optname: dec.get_option(|d| d.get_string(16, "composite.optname"))?,
            out: Outcome::decode(dec)?,
            inners: dec.get_array(4, 8, "composite.inners", Inner::decode)?,
            list: dec.get_option(|d| Node::decode(d).map(Box::new))?,
        })
    }
}

/// A fixed, fully populated composite value.
pub(crate) fn sample_composite() -> Composite {
    Composite {
        i: -5,
        u: 0xdead_beef,
        h: -1,
        uh: 1 << 40,
        f: F32(1.5),
        d: F64(-0.25),
        b: true,
        c: -128,
        uc: 255,
        s: -300,
        us: 65535,
        k: Kind::Neg,
        uuid: core::array::from_fn(|i| i as u8),
        tag: *b"abc",
        data: vec![1, 2, 3, 4, 5],
        name: "domain-1".into(),
        ints: vec![1, -2, 3],
        hypers: vec![i64::MIN, 0, i64::MAX],
        names: vec!["a".into(), "".into(), "xyz".into()],
        opt: Some(7),
        optname: Some("opt".into()),
        out: Outcome::Message("done".into()),
        inners: vec![
            Inner {
                tags: vec!["t1".into(), "t22".into()],
                x: Some(-9),
            },
            Inner {
                tags: vec![],
                x: None,
            },
        ],
        list: Some(Box::new(Node::chain(3))),
    }
}

pub(crate) fn any_f32() -> impl Strategy<Value = F32> {
    any::<u32>().prop_map(|b| F32(f32::from_bits(b)))
}

pub(crate) fn any_f64() -> impl Strategy<Value = F64> {
    any::<u64>().prop_map(|b| F64(f64::from_bits(b)))
}

/// A string of at most `max` UTF-8 bytes.
pub(crate) fn string_max(max: usize) -> impl Strategy<Value = String> {
    any::<String>().prop_map(move |mut s| {
        while s.len() > max {
            s.pop();
        }
        s
    })
}

pub(crate) fn any_kind() -> impl Strategy<Value = Kind> {
    prop_oneof![Just(Kind::A), Just(Kind::B), Just(Kind::Neg)]
}

pub(crate) fn any_outcome() -> impl Strategy<Value = Outcome> {
    prop_oneof![
        any::<i64>().prop_map(Outcome::Value),
        string_max(32).prop_map(Outcome::Message),
        Just(Outcome::Nothing),
        (
            any::<i32>().prop_filter("not a named arm", |d| !(0..=2).contains(d)),
            vec(any::<u8>(), 0..=8)
        )
            .prop_map(|(d, raw)| Outcome::Other(d, raw)),
    ]
}

pub(crate) fn any_inner() -> impl Strategy<Value = Inner> {
    (vec(string_max(8), 0..=3), any::<Option<i32>>()).prop_map(|(tags, x)| Inner { tags, x })
}

pub(crate) fn any_node() -> impl Strategy<Value = Node> {
    (1usize..6, any::<i32>()).prop_map(|(n, base)| {
        let mut node = Node::chain(n);
        let mut cur = Some(&mut node);
        while let Some(n) = cur {
            n.value = n.value.wrapping_add(base);
            cur = n.next.as_deref_mut();
        }
        node
    })
}

pub(crate) fn any_tree() -> impl Strategy<Value = Tree> {
    let leaf = any::<u32>().prop_map(|id| Tree {
        id,
        children: vec![],
    });
    leaf.prop_recursive(4, 32, 4, |inner| {
        (any::<u32>(), vec(inner, 0..4)).prop_map(|(id, children)| Tree { id, children })
    })
}

pub(crate) fn any_composite() -> impl Strategy<Value = Composite> {
    let scalars = (
        any::<i32>(),
        any::<u32>(),
        any::<i64>(),
        any::<u64>(),
        any_f32(),
        any_f64(),
        any::<bool>(),
        any::<i8>(),
        any::<u8>(),
        any::<i16>(),
        any::<u16>(),
        any_kind(),
    );
    let opaque = (
        any::<[u8; 16]>(),
        any::<[u8; 3]>(),
        vec(any::<u8>(), 0..=64),
        string_max(32),
    );
    let collections = (
        vec(any::<i32>(), 3),
        vec(any::<i64>(), 0..=8),
        vec(string_max(16), 0..=4),
        any::<Option<u32>>(),
        proptest::option::of(string_max(16)),
        any_outcome(),
        vec(any_inner(), 0..=4),
        proptest::option::of(any_node().prop_map(Box::new)),
    );
    (scalars, opaque, collections).prop_map(
        |(
            (i, u, h, uh, f, d, b, c, uc, s, us, k),
            (uuid, tag, data, name),
            (ints, hypers, names, opt, optname, out, inners, list),
        )| Composite {
            i,
            u,
            h,
            uh,
            f,
            d,
            b,
            c,
            uc,
            s,
            us,
            k,
            uuid,
            tag,
            data,
            name,
            ints,
            hypers,
            names,
            opt,
            optname,
            out,
            inners,
            list,
        },
    )
}
