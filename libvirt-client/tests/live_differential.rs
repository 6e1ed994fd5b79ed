//! Differential tests: the same read-only calls through this client and
//! through the C library (python3-libvirt, `LIBVIRT_TEST_PYTHON`), on the
//! same daemon and URI, compared field by field, errors included (code,
//! domain, message, level, str1..3, int1..2).
//!
//! `tests/oracle/oracle.py` makes the C library's calls and prints them
//! as JSON under one key per call; `ours` below makes the same calls with
//! the generated API and builds the same JSON. The oracle runs once per
//! test. Two nodes are compared: a private test-driver node (every
//! connection gets its own copy, so lists can be compared whole), and
//! the shared `test:///default`, where only what no test changes is
//! compared. Needs the environment of `scripts/libvirtd.sh start`.

#[path = "support/live.rs"]
mod live;

use libvirt_client::prelude::*;
use libvirt_client::proto::remote::{TypedParam, TypedParamValue};
use libvirt_client::{BlockingClient, Error, ErrorDomain, ErrorNumber};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

/// The name no object has, as in oracle.py.
const MISSING: &str = "lvrs-no-such-object";
/// `VIR_TYPED_PARAM_STRING_OKAY`: the C library adds it to the flags of
/// the typed-parameter getters, without which the daemon leaves string
/// parameters out.
const STRING_OKAY: u32 = 4;
/// `VIR_DOMAIN_MEMORY_STAT_NR` and the names the Python bindings give
/// the memory statistics, by tag.
const MEMORY_STATS: [&str; 13] = [
    "swap_in",
    "swap_out",
    "major_fault",
    "minor_fault",
    "unused",
    "available",
    "actual",
    "rss",
    "usable",
    "last_update",
    "disk_caches",
    "hugetlb_pgalloc",
    "hugetlb_pgfail",
];

/// What the C library answered, from oracle.py.
fn oracle(uri: &str, stable_only: bool) -> BTreeMap<String, Value> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/oracle/oracle.py");
    let mut cmd = Command::new(live::python());
    cmd.arg(script).arg(uri);
    if stable_only {
        cmd.arg("--stable-only");
    }
    let out = cmd.output().expect("running oracle.py");
    assert!(
        out.status.success(),
        "oracle.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("oracle.py printed JSON")
}

/// A call's outcome as oracle.py writes it.
fn outcome<T>(result: Result<T, Error>, value: impl FnOnce(T) -> Value) -> Value {
    match result {
        Ok(v) => value(v),
        Err(Error::Remote(e)) => json!({"error": {
            "code": e.code.to_raw(),
            "domain": e.domain.to_raw(),
            "message": e.message,
            "level": e.level.to_raw(),
            "str1": e.str1,
            "str2": e.str2,
            "str3": e.str3,
            "int1": e.int1,
            "int2": e.int2,
        }}),
        Err(other) => json!({ "client error": other.to_string() }),
    }
}

/// Typed parameters as the Python bindings return them: a dict.
fn params(list: &[TypedParam]) -> Value {
    let map: Map<String, Value> = list
        .iter()
        .map(|p| {
            let v = match &p.value {
                TypedParamValue::Int(v) => json!(v),
                TypedParamValue::Uint(v) => json!(v),
                TypedParamValue::Llong(v) => json!(v),
                TypedParamValue::Ullong(v) => json!(v),
                TypedParamValue::Double(v) => json!(v),
                TypedParamValue::Boolean(v) => json!(*v != 0),
                TypedParamValue::String(v) => json!(v),
            };
            (p.field.clone(), v)
        })
        .collect();
    Value::Object(map)
}

/// A `char` array from the wire, up to its NUL.
fn c_string(chars: &[i8]) -> String {
    let bytes: Vec<u8> = chars
        .iter()
        .map(|&c| c as u8)
        .take_while(|&b| b != 0)
        .collect();
    String::from_utf8(bytes).unwrap()
}

fn uuid_string(uuid: &[u8; 16]) -> String {
    let h: String = uuid.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

/// Our answers, under oracle.py's keys.
struct Ours<'a> {
    c: &'a BlockingClient,
    out: BTreeMap<String, Value>,
}

impl Ours<'_> {
    fn put<T>(&mut self, key: &str, result: Result<T, Error>, value: impl FnOnce(T) -> Value) {
        self.out.insert(key.to_string(), outcome(result, value));
    }

    fn connection(&mut self) {
        let c = self.c;
        self.put("getLibVersion", c.connect_get_lib_version(), |v| json!(v));
        self.put("getVersion", c.connect_get_version(), |v| json!(v));
        self.put("getHostname", c.connect_get_hostname(), |v| json!(v));
        self.put("getType", c.connect_get_type(), |v| json!(v));
        self.put("getCapabilities", c.connect_get_capabilities(), |v| {
            json!(v)
        });
        self.put("getSysinfo", c.connect_get_sysinfo(0), |v| json!(v));
        let info = c.node_get_info().unwrap();
        self.put("getInfo", Ok(info.clone()), |i| {
            // The bindings report MiB.
            json!([
                c_string(&i.model),
                i.memory >> 10,
                i.cpus,
                i.mhz,
                i.nodes,
                i.sockets,
                i.cores,
                i.threads
            ])
        });
        // The daemon reports a free memory of 0 as an error without a
        // cause (INTERNAL_ERROR, no domain), which virNodeGetFreeMemory
        // turns back into 0; the bindings return that 0.
        let free = c.node_get_free_memory().or_else(|e| match e.remote() {
            Some(r) if r.code == ErrorNumber::InternalError && r.domain == ErrorDomain::None => {
                Ok(0)
            }
            _ => Err(e),
        });
        self.put("getFreeMemory", free, |v| json!(v));
        let cells = c.node_get_cells_free_memory(0, info.nodes);
        self.put("getCellsFreeMemory", cells, |v| json!(v));
        self.put("getMaxVcpus", c.connect_get_max_vcpus(None), |v| json!(v));
        self.put("isSecure", c.connect_is_secure(), |v| json!(v));
        self.put("isAlive", Ok(!c.is_closed()), |v| json!(i32::from(v)));
        let models = c.connect_get_cpu_model_names("x86_64", 1, 0);
        self.put("getCPUModelNames", models, |r| json!(r.models));
        self.put("getCPUMap", c.node_get_cpu_map(1, 1, 0), |r| {
            let n = r.ret as usize;
            let bits: Vec<bool> = (0..n)
                .map(|i| r.cpumap[i / 8] >> (i % 8) & 1 == 1)
                .collect();
            json!([r.ret, bits, r.online])
        });
        let stats = c
            .node_get_cpu_stats(-1, 0, 0)
            .and_then(|r| c.node_get_cpu_stats(-1, r.nparams, 0));
        self.put("getCPUStats", stats, |r| {
            let map: Map<String, Value> = r
                .params
                .iter()
                .map(|p| (p.field.clone(), json!(p.value)))
                .collect();
            Value::Object(map)
        });
        let stats = c
            .node_get_memory_stats(0, -1, 0)
            .and_then(|r| c.node_get_memory_stats(r.nparams, -1, 0));
        self.put("getMemoryStats", stats, |r| {
            let map: Map<String, Value> = r
                .params
                .iter()
                .map(|p| (p.field.clone(), json!(p.value)))
                .collect();
            Value::Object(map)
        });
        self.put("getSecurityModel", c.node_get_security_model(), |m| {
            json!([c_string(&m.model), c_string(&m.doi)])
        });
        let caps = c.connect_get_domain_capabilities(None, None, None, None, 0);
        self.put("getDomainCapabilities", caps, |v| json!(v));
    }

    fn counts_and_misses(&mut self) {
        let c = self.c;
        self.put("numOfInterfaces", c.connect_num_of_interfaces(), |v| {
            json!(v)
        });
        let n = c.connect_num_of_defined_interfaces();
        self.put("numOfDefinedInterfaces", n, |v| json!(v));
        self.put("numOfDevices", c.node_num_of_devices(None, 0), |v| json!(v));
        self.put("numOfSecrets", c.connect_num_of_secrets(), |v| json!(v));
        self.put("listAllSecrets", c.connect_list_all_secrets(1, 0), |v| {
            json!(v
                .secrets
                .iter()
                .map(|s| uuid_string(&s.uuid))
                .collect::<Vec<_>>())
        });
        self.put("numOfNWFilters", c.connect_num_of_nwfilters(), |v| json!(v));
        self.put(
            "listAllNWFilters",
            c.connect_list_all_nwfilters(1, 0),
            |v| json!(v.filters.iter().map(|f| f.name.clone()).collect::<Vec<_>>()),
        );
        let name = |d: libvirt_client::proto::remote::NonnullDomain| json!(d.name);
        self.put(
            "lookupByName(missing)",
            c.domain_lookup_by_name(MISSING),
            name,
        );
        self.put("lookupByID(missing)", c.domain_lookup_by_id(999_999), name);
        let r = c.network_lookup_by_name(MISSING);
        self.put("networkLookupByName(missing)", r, |n| json!(n.name));
        let r = c.storage_pool_lookup_by_name(MISSING);
        self.put("storagePoolLookupByName(missing)", r, |p| json!(p.name));
        let r = c.storage_vol_lookup_by_path(&format!("/{MISSING}"));
        self.put("storageVolLookupByPath(missing)", r, |v| json!(v.name));
        let r = c.interface_lookup_by_name(MISSING);
        self.put("interfaceLookupByName(missing)", r, |i| json!(i.name));
        let r = c.node_device_lookup_by_name(MISSING);
        self.put("nodeDeviceLookupByName(missing)", r, |d| json!(d.name));
    }

    fn interfaces_and_devices(&mut self) {
        let c = self.c;
        let mut ifaces = c.connect_list_all_interfaces(1, 0).unwrap().ifaces;
        ifaces.sort_by(|a, b| a.name.cmp(&b.name));
        self.put("listAllInterfaces", Ok(&ifaces), |v| {
            json!(v.iter().map(|i| [&i.name, &i.mac]).collect::<Vec<_>>())
        });
        for iface in &ifaces {
            let p = format!("interface/{}/", iface.name);
            let xml = c.interface_get_xml_desc(iface, 0);
            self.put(&format!("{p}XMLDesc"), xml, |v| json!(v));
            let active = c.interface_is_active(iface);
            self.put(&format!("{p}isActive"), active, |v| json!(v));
        }
        let mut devices: Vec<String> = c
            .connect_list_all_node_devices(1, 0)
            .unwrap()
            .devices
            .into_iter()
            .map(|d| d.name)
            .collect();
        devices.sort();
        self.put("listAllDevices", Ok(&devices), |v| json!(v));
        for dev in &devices {
            let p = format!("device/{dev}/");
            let xml = c.node_device_get_xml_desc(dev, 0);
            self.put(&format!("{p}XMLDesc"), xml, |v| json!(v));
            let parent = c.node_device_get_parent(dev);
            self.put(&format!("{p}parent"), parent, |v| json!(v));
            let caps = c
                .node_device_num_of_caps(dev)
                .and_then(|n| c.node_device_list_caps(dev, n));
            self.put(&format!("{p}listCaps"), caps, |v| json!(v));
        }
    }

    fn domain(&mut self, name: &str) {
        let c = self.c;
        let d = &c.domain_lookup_by_name(name).unwrap();
        let p = format!("domain/{name}/");
        let key = |call: &str| format!("{p}{call}");
        self.put(&key("info"), c.domain_get_info(d), |i| {
            json!([i.state, i.max_mem, i.memory, i.nr_virt_cpu])
        });
        let state = c.domain_get_state(d, 0);
        self.put(&key("state"), state, |s| json!([s.state, s.reason]));
        let xml = c.domain_get_xml_desc(d, 0);
        self.put(&key("XMLDesc"), xml, |v| json!(v));
        let max_memory = c.domain_get_max_memory(d);
        self.put(&key("maxMemory"), max_memory, |v| json!(v));
        let max_vcpus = c.domain_get_max_vcpus(d);
        self.put(&key("maxVcpus"), max_vcpus, |v| json!(v));
        let vcpus = c.domain_get_vcpus_flags(d, 0);
        self.put(&key("vcpusFlags"), vcpus, |v| json!(v));
        let autostart = c.domain_get_autostart(d);
        self.put(&key("autostart"), autostart, |v| json!(v));
        let sched = c.domain_get_scheduler_type(d);
        let sched_params = match &sched {
            Ok(t) => c.domain_get_scheduler_parameters(d, t.nparams),
            Err(e) => Err(e.clone()),
        };
        self.put(&key("schedulerType"), sched, |t| {
            json!([t.r#type, t.nparams])
        });
        self.put(&key("schedulerParameters"), sched_params, |v| params(&v));
        let active = c.domain_is_active(d);
        self.put(&key("isActive"), active, |v| json!(v));
        let persistent = c.domain_is_persistent(d);
        self.put(&key("isPersistent"), persistent, |v| json!(v));
        let updated = c.domain_is_updated(d);
        self.put(&key("isUpdated"), updated, |v| json!(v));
        let os_type = c.domain_get_os_type(d);
        self.put(&key("OSType"), os_type, |v| json!(v));
        let managed = c.domain_has_managed_save_image(d, 0);
        self.put(&key("hasManagedSaveImage"), managed, |v| json!(v));
        let snapshots = c.domain_snapshot_num(d, 0);
        self.put(&key("snapshotNum"), snapshots, |v| json!(v));
        let hostname = c.domain_get_hostname(d, 0);
        self.put(&key("hostname"), hostname, |v| json!(v));
        let label = c.domain_get_security_label(d);
        self.put(&key("securityLabel"), label, |l| {
            json!([c_string(&l.label), l.enforcing != 0])
        });
        let memory = c
            .domain_get_memory_parameters(d, 0, STRING_OKAY)
            .and_then(|r| c.domain_get_memory_parameters(d, r.nparams, STRING_OKAY));
        self.put(&key("memoryParameters"), memory, |r| params(&r.params));
        let blkio = c
            .domain_get_blkio_parameters(d, 0, STRING_OKAY)
            .and_then(|r| c.domain_get_blkio_parameters(d, r.nparams, STRING_OKAY));
        self.put(&key("blkioParameters"), blkio, |r| params(&r.params));
        let numa = c
            .domain_get_numa_parameters(d, 0, STRING_OKAY)
            .and_then(|r| c.domain_get_numa_parameters(d, r.nparams, STRING_OKAY));
        self.put(&key("numaParameters"), numa, |r| params(&r.params));
        let perf = c.domain_get_perf_events(d, 0);
        self.put(&key("perfEvents"), perf, |v| params(&v));
        let stats = c.domain_memory_stats(d, MEMORY_STATS.len() as u32, 0);
        self.put(&key("memoryStats"), stats, |v| {
            let map: Map<String, Value> = v
                .iter()
                .filter_map(|s| {
                    let name = MEMORY_STATS.get(usize::try_from(s.tag).ok()?)?;
                    Some((name.to_string(), json!(s.val)))
                })
                .collect();
            Value::Object(map)
        });
        let time = c.domain_get_time(d, 0);
        self.put(
            &key("getTime"),
            time,
            |t| json!({"seconds": t.seconds, "nseconds": t.nseconds}),
        );
        // The whole-domain line of virDomainGetCPUStats (start -1, 1 CPU).
        let total = c
            .domain_get_cpu_stats(d, 0, -1, 1, STRING_OKAY)
            .and_then(|r| c.domain_get_cpu_stats(d, r.nparams as u32, -1, 1, STRING_OKAY));
        self.put(&key("getCPUStats(total)"), total, |r| {
            json!([params(&r.params)])
        });
        let tune = c
            .domain_get_block_io_tune(d, Some("vda"), 0, STRING_OKAY)
            .and_then(|r| c.domain_get_block_io_tune(d, Some("vda"), r.nparams, STRING_OKAY));
        self.put(&key("blockIoTune(vda)"), tune, |r| params(&r.params));
        let addresses = c.domain_interface_addresses(d, 0, 0);
        self.put(&key("interfaceAddresses"), addresses, |ifaces| {
            let map: Map<String, Value> = ifaces
                .iter()
                .map(|i| {
                    let addrs: Vec<Value> = i
                        .addrs
                        .iter()
                        .map(|a| json!({"addr": a.addr, "prefix": a.prefix, "type": a.r#type}))
                        .collect();
                    let addrs = if addrs.is_empty() {
                        Value::Null
                    } else {
                        json!(addrs)
                    };
                    (i.name.clone(), json!({"addrs": addrs, "hwaddr": i.hwaddr}))
                })
                .collect();
            Value::Object(map)
        });
        let fs = c.domain_get_fsinfo(d, 0);
        self.put(&key("fsInfo"), fs, |r| {
            json!(r
                .info
                .iter()
                .map(|f| json!([f.mountpoint, f.name, f.fstype, f.dev_aliases]))
                .collect::<Vec<_>>())
        });
        // VIR_DOMAIN_STATS_STATE for this domain only.
        let stats = c.connect_get_all_domain_stats(std::slice::from_ref(d), 1, 0);
        self.put(&key("domainListGetStats(state)"), stats, |records| {
            json!(records
                .iter()
                .map(|r| json!([r.dom.name, params(&r.params)]))
                .collect::<Vec<_>>())
        });
    }

    fn network(&mut self, name: &str) {
        let c = self.c;
        let n = &c.network_lookup_by_name(name).unwrap();
        let p = format!("network/{name}/");
        self.put(&format!("{p}XMLDesc"), c.network_get_xml_desc(n, 0), |v| {
            json!(v)
        });
        self.put(&format!("{p}isActive"), c.network_is_active(n), |v| {
            json!(v)
        });
        let persistent = c.network_is_persistent(n);
        self.put(&format!("{p}isPersistent"), persistent, |v| json!(v));
        let autostart = c.network_get_autostart(n);
        self.put(&format!("{p}autostart"), autostart, |v| json!(v));
        let bridge = c.network_get_bridge_name(n);
        self.put(&format!("{p}bridgeName"), bridge, |v| json!(v));
    }

    fn pool(&mut self, name: &str) {
        let c = self.c;
        let pool = &c.storage_pool_lookup_by_name(name).unwrap();
        let p = format!("pool/{name}/");
        self.put(&format!("{p}info"), c.storage_pool_get_info(pool), |i| {
            json!([i.state, i.capacity, i.allocation, i.available])
        });
        let xml = c.storage_pool_get_xml_desc(pool, 0);
        self.put(&format!("{p}XMLDesc"), xml, |v| json!(v));
        let autostart = c.storage_pool_get_autostart(pool);
        self.put(&format!("{p}autostart"), autostart, |v| json!(v));
        let active = c.storage_pool_is_active(pool);
        self.put(&format!("{p}isActive"), active, |v| json!(v));
        let persistent = c.storage_pool_is_persistent(pool);
        self.put(&format!("{p}isPersistent"), persistent, |v| json!(v));
        let count = c.storage_pool_num_of_volumes(pool);
        self.put(&format!("{p}numOfVolumes"), count, |v| json!(v));
        let mut vols = c.storage_pool_list_all_volumes(pool, 1, 0).unwrap().vols;
        vols.sort_by(|a, b| a.name.cmp(&b.name));
        let mut listed = Vec::new();
        for vol in &vols {
            listed.push(json!([
                vol.name,
                vol.key,
                c.storage_vol_get_path(vol).unwrap()
            ]));
            let v = format!("volume/{name}/{}/", vol.name);
            self.put(&format!("{v}info"), c.storage_vol_get_info(vol), |i| {
                json!([i.r#type, i.capacity, i.allocation])
            });
            let xml = c.storage_vol_get_xml_desc(vol, 0);
            self.put(&format!("{v}XMLDesc"), xml, |x| json!(x));
        }
        self.put(&format!("{p}listAllVolumes"), Ok(listed), |v| json!(v));
    }

    /// Everything oracle.py asks, in the same mode.
    fn collect(c: &BlockingClient, stable_only: bool) -> BTreeMap<String, Value> {
        let mut ours = Ours {
            c,
            out: BTreeMap::new(),
        };
        ours.connection();
        ours.counts_and_misses();
        ours.interfaces_and_devices();
        let (doms, nets, pools) = if stable_only {
            let one = |s: &str| vec![s.to_string()];
            (one("test"), one("default"), one("default-pool"))
        } else {
            ours.lists()
        };
        for name in &doms {
            ours.domain(name);
        }
        for name in &nets {
            ours.network(name);
        }
        for name in &pools {
            ours.pool(name);
        }
        ours.out
    }

    /// The counts and lists of domains, networks and pools; returns the
    /// names in each list.
    fn lists(&mut self) -> (Vec<String>, Vec<String>, Vec<String>) {
        let c = self.c;
        self.put("numOfDomains", c.connect_num_of_domains(), |v| json!(v));
        let n = c.connect_num_of_defined_domains();
        self.put("numOfDefinedDomains", n, |v| json!(v));
        self.put("numOfNetworks", c.connect_num_of_networks(), |v| json!(v));
        let n = c.connect_num_of_defined_networks();
        self.put("numOfDefinedNetworks", n, |v| json!(v));
        let n = c.connect_num_of_storage_pools();
        self.put("numOfStoragePools", n, |v| json!(v));
        let n = c.connect_num_of_defined_storage_pools();
        self.put("numOfDefinedStoragePools", n, |v| json!(v));
        let mut doms = c.connect_list_all_domains(1, 0).unwrap().domains;
        doms.sort_by(|a, b| a.name.cmp(&b.name));
        self.put("listAllDomains", Ok(&doms), |v| {
            json!(v
                .iter()
                .map(|d| json!([d.name, d.id, uuid_string(&d.uuid)]))
                .collect::<Vec<_>>())
        });
        let mut nets = c.connect_list_all_networks(1, 0).unwrap().nets;
        nets.sort_by(|a, b| a.name.cmp(&b.name));
        self.put("listAllNetworks", Ok(&nets), |v| {
            json!(v
                .iter()
                .map(|n| json!([n.name, uuid_string(&n.uuid)]))
                .collect::<Vec<_>>())
        });
        let mut pools = c.connect_list_all_storage_pools(1, 0).unwrap().pools;
        pools.sort_by(|a, b| a.name.cmp(&b.name));
        self.put("listAllStoragePools", Ok(&pools), |v| {
            json!(v
                .iter()
                .map(|p| json!([p.name, uuid_string(&p.uuid)]))
                .collect::<Vec<_>>())
        });
        (
            doms.into_iter().map(|d| d.name).collect(),
            nets.into_iter().map(|n| n.name).collect(),
            pools.into_iter().map(|p| p.name).collect(),
        )
    }
}

/// Compares every key; reports all differences at once.
fn assert_same(theirs: &BTreeMap<String, Value>, ours: &BTreeMap<String, Value>) {
    let keys: BTreeSet<&String> = theirs.keys().chain(ours.keys()).collect();
    let mut differences = Vec::new();
    for key in keys {
        let (t, o) = (theirs.get(key), ours.get(key));
        if t != o {
            differences.push(format!(
                "{key}:\n  C library: {}\n  ours:      {}",
                t.map_or("(not asked)".into(), Value::to_string),
                o.map_or("(not asked)".into(), Value::to_string),
            ));
        }
    }
    assert!(
        differences.is_empty(),
        "{} of {} answers differ:\n{}",
        differences.len(),
        theirs.len(),
        differences.join("\n")
    );
}

/// The distinct calls behind the keys (`domain/NAME/info` -> `domain info`).
fn distinct_calls(answers: &BTreeMap<String, Value>) -> BTreeSet<String> {
    answers
        .keys()
        .map(|k| {
            let parts: Vec<&str> = k.split('/').collect();
            match parts.as_slice() {
                [call] => call.to_string(),
                [kind, .., call] => format!("{kind} {call}"),
                [] => unreachable!(),
            }
        })
        .collect()
}

#[test]
fn every_answer_on_a_private_node_matches_the_c_library() {
    let (_node, uri) = live::fixture_node();
    let c = live::blocking(&uri);
    let ours = Ours::collect(&c, false);
    let theirs = oracle(&uri, false);
    assert_same(&theirs, &ours);
    let calls = distinct_calls(&theirs);
    assert!(calls.len() >= 60, "only {} calls: {calls:?}", calls.len());
    // The node's objects were all visited.
    for key in [
        "domain/gamma/info",
        "domain/déjà-vu/state",
        "volume/default-pool/Disk-A.qcow2/info",
        "network/isolated-network-with-long-name/XMLDesc",
        "pool/empty/listAllVolumes",
    ] {
        assert!(ours.contains_key(key), "{key} was not compared");
    }
    c.close().unwrap();
}

#[test]
fn stable_answers_of_the_shared_default_node_match_the_c_library() {
    let uri = live::test_uri();
    // Keeps test:///default's state while the oracle runs.
    let c = live::blocking(&uri);
    let ours = Ours::collect(&c, true);
    let theirs = oracle(&uri, true);
    assert_same(&theirs, &ours);
    assert!(theirs.len() >= 70, "only {} answers", theirs.len());
    c.close().unwrap();
}
