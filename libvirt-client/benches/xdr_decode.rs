//! XDR throughput of generated protocol types.
//!
//! ```text
//! cargo bench -p libvirt-client --bench xdr_decode
//! ```
//!
//! * `list_all_domains_*/decode`: a `remote_connect_list_all_domains_ret`
//!   with 16,384 (`REMOTE_DOMAIN_LIST_MAX`) domains, encoded once and
//!   decoded per iteration with `xdr_runtime::from_bytes` (freeing the
//!   decoded value is not timed; `decode_drop` times it too);
//! * `list_all_domains_*/encode`: the same value encoded per iteration
//!   with `xdr_runtime::to_vec`;
//!
//! reported as bytes/s (decimal MB/s) in `list_all_domains_bytes` and as
//! domains/s in `list_all_domains_domains`. `domain_get_info/decode`: the
//! latency of decoding one small reply (`remote_domain_get_info_ret`).
//!
//! Run each benchmark in a process of its own for comparable numbers
//! (`scripts/bench.sh xdr` does, with `-- --exact ID`): decoding 16,384
//! names is mostly `malloc`, and the free lists one benchmark leaves behind
//! change the next one's time by up to 2x.

// criterion_group! defines an undocumented function.
#![allow(missing_docs)]

use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use libvirt_client::proto::remote;

const DOMAINS: usize = 16_384;

/// Names like a real fleet's: role, environment, zone, index; 14..34 bytes.
fn domain(i: usize) -> remote::NonnullDomain {
    const ROLES: [&str; 8] = [
        "web",
        "db-primary",
        "db-replica",
        "cache",
        "worker",
        "build-agent",
        "ingress",
        "monitoring",
    ];
    const ENVS: [&str; 4] = ["prod", "staging", "dev", "qa"];
    let name = format!(
        "{}-{}-z{}-{:05}",
        ROLES[i % ROLES.len()],
        ENVS[(i / 8) % ENVS.len()],
        i % 3 + 1,
        i
    );
    // A deterministic, well-mixed UUID (splitmix64 of the index), version 4.
    let mut x = (i as u64).wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut mix = || {
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut uuid = [0u8; 16];
    uuid[..8].copy_from_slice(&mix().to_be_bytes());
    uuid[8..].copy_from_slice(&mix().to_be_bytes());
    uuid[6] = (uuid[6] & 0x0f) | 0x40;
    uuid[8] = (uuid[8] & 0x3f) | 0x80;
    // Three in four running (positive id), the rest shut off (-1).
    let id = if i % 4 == 3 { -1 } else { i as i32 + 1 };
    remote::NonnullDomain { name, uuid, id }
}

fn list_all_domains(c: &mut Criterion) {
    let value = remote::ConnectListAllDomainsRet {
        domains: (0..DOMAINS).map(domain).collect(),
        ret: DOMAINS as u32,
    };
    let bytes = xdr_runtime::to_vec(&value).expect("encode");
    let back: remote::ConnectListAllDomainsRet = xdr_runtime::from_bytes(&bytes).expect("decode");
    assert_eq!(back, value);
    println!(
        "list_all_domains: {DOMAINS} domains, {} bytes encoded ({:.1} bytes/domain)",
        bytes.len(),
        bytes.len() as f64 / DOMAINS as f64
    );

    for (unit, throughput) in [
        ("bytes", Throughput::BytesDecimal(bytes.len() as u64)),
        ("domains", Throughput::Elements(DOMAINS as u64)),
    ] {
        let mut g = c.benchmark_group(format!("list_all_domains_{unit}"));
        g.throughput(throughput);
        g.bench_function("decode", |b| {
            // One decode per batch: the value is dropped after the timing.
            b.iter_batched(
                || (),
                |()| {
                    let v: remote::ConnectListAllDomainsRet =
                        xdr_runtime::from_bytes(black_box(&bytes)).expect("decode");
                    v
                },
                BatchSize::PerIteration,
            )
        });
        g.bench_function("decode_drop", |b| {
            b.iter(|| {
                let v: remote::ConnectListAllDomainsRet =
                    xdr_runtime::from_bytes(black_box(&bytes)).expect("decode");
                black_box(v.domains.len())
            })
        });
        g.bench_function("encode", |b| {
            b.iter(|| xdr_runtime::to_vec(black_box(&value)).expect("encode"))
        });
        g.finish();
    }
}

fn domain_get_info(c: &mut Criterion) {
    let value = remote::DomainGetInfoRet {
        state: 1,
        max_mem: 8 << 20,
        memory: 4 << 20,
        nr_virt_cpu: 4,
        cpu_time: 123_456_789_012,
    };
    let bytes = xdr_runtime::to_vec(&value).expect("encode");
    let mut g = c.benchmark_group("domain_get_info");
    g.throughput(Throughput::BytesDecimal(bytes.len() as u64));
    g.bench_function("decode", |b| {
        b.iter(|| {
            let v: remote::DomainGetInfoRet =
                xdr_runtime::from_bytes(black_box(&bytes)).expect("decode");
            v
        })
    });
    g.finish();
}

criterion_group!(benches, list_all_domains, domain_get_info);
criterion_main!(benches);
