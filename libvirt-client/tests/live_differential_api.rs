//! Differential tests of the typed API (`libvirt_client::api`): every
//! read-only getter the test driver implements, through the typed handles
//! (`Connect`, `Domain`, `Network`, `StoragePool`, `StorageVol`,
//! `NodeDevice`, `Interface`, `DomainSnapshot`, ...) and through the C
//! library (python3-libvirt, `LIBVIRT_TEST_PYTHON`) on the same daemon and
//! the same private test-driver node, compared value by value; a getter
//! the driver does not implement must fail alike on both sides (code,
//! domain, message, level, str1..3, int1..2).
//!
//! `tests/oracle/oracle.py --api` makes the C library's calls and prints
//! them as JSON under one key per call (`domain/web/get_block_io_tune(vdb,
//! CONFIG)`); the `collect_*!` macros below make the same calls, once
//! through the async API and once through `api::blocking`, and build the
//! same JSON. A call is asked with each flag of its flag family as the
//! Python module knows the family; the family's names and values must be
//! the typed API's too. The `_count` twins of the list calls are compared
//! with the C function called with no list (through ctypes), and the
//! whole set runs on the read-write and on the read-only socket, where
//! the daemon refuses some getters to both alike.
//!
//! Typed-parameter structs (`BlockIoTune`, `MemoryParams`, ...) are
//! compared field by field with Python's dicts, and no parameter may end
//! in a struct's `extra` when the struct documents its name. Enums the
//! API returns (`DomainState`, the state reasons, ...) must carry the C
//! constant's name for the value.
//!
//! Some answers of the test driver move with the clock (CPU times, block
//! and interface counters): ours are taken before and after the C
//! library's, which must then lie between them. Everything else must be
//! equal in all four answers.
//!
//! Where the typed API still differs from the C library the difference
//! is listed in `KNOWN_GAPS` with the reason; the test prints them and
//! fails when one is gone, so that the list stays true.

#[path = "support/live.rs"]
mod live;

use libvirt_client::api::{
    self, blocking, ConnectGetAllDomainStatsFlags, ConnectListAllDomainsFlags,
    ConnectListAllInterfacesFlags, ConnectListAllNetworksFlags, ConnectListAllNodeDeviceFlags,
    ConnectListAllSecretsFlags, ConnectListAllStoragePoolsFlags, DomainBlockJobInfoFlags,
    DomainCheckpointListFlags, DomainGetHostnameFlags, DomainGetJobStatsFlags,
    DomainInterfaceAddressesSource, DomainMetadataType, DomainMigrateMaxSpeedFlags,
    DomainModificationImpact, DomainSaveImageXMLFlags, DomainSnapshotListFlags,
    DomainSnapshotXMLFlags, DomainStatsTypes, DomainVcpuFlags, DomainXMLFlags, InterfaceXMLFlags,
    NetworkXMLFlags, SecretUsageType, StorageVolInfoFlags, StorageXMLFlags, TypedParams,
    TypedParamsStruct, TypedValue,
};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;
use std::process::Command;

/// The private node both clients open: running, paused, saved (managed
/// save) and transient domains, one with disks, I/O tuning, bandwidth,
/// a balloon, iothreads, metadata and two snapshots; two networks, two
/// interfaces, two pools (one with volumes) and two node devices, on a
/// host of two NUMA cells.
const NODE_XML: &str = r#"<node>
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
    <name>web</name>
    <uuid>44444444-2222-3333-4444-000000000001</uuid>
    <title>Web server</title>
    <description>Serves the pages</description>
    <metadata>
      <app:app xmlns:app='http://example.org/app/1.0'><app:role>frontend</app:role></app:app>
    </metadata>
    <memory unit='KiB'>1048576</memory>
    <currentMemory unit='KiB'>524288</currentMemory>
    <vcpu current='2'>4</vcpu>
    <iothreads>2</iothreads>
    <blkiotune>
      <weight>500</weight>
      <device><path>/dev/sda</path><weight>300</weight></device>
    </blkiotune>
    <memtune>
      <hard_limit unit='KiB'>2097152</hard_limit>
      <soft_limit unit='KiB'>1048576</soft_limit>
    </memtune>
    <os><type>hvm</type></os>
    <devices>
      <disk type='file' device='disk'>
        <source file='/guest/web.img'/>
        <target dev='vda' bus='virtio'/>
      </disk>
      <disk type='file' device='disk'>
        <source file='/guest/data.img'/>
        <target dev='vdb' bus='virtio'/>
        <iotune>
          <total_bytes_sec>1048576</total_bytes_sec>
          <read_iops_sec>400</read_iops_sec>
          <group_name>slow</group_name>
        </iotune>
      </disk>
      <interface type='network'>
        <mac address='52:54:00:00:00:01'/>
        <source network='default'/>
        <bandwidth>
          <inbound average='1000' peak='2000' burst='1024'/>
          <outbound average='500'/>
        </bandwidth>
      </interface>
      <memballoon model='virtio'/>
    </devices>
    <test:domainsnapshot>
      <name>installed</name>
      <state>running</state>
      <creationTime>1700000000</creationTime>
      <active>0</active>
    </test:domainsnapshot>
    <test:domainsnapshot>
      <name>upgraded</name>
      <state>running</state>
      <creationTime>1700000100</creationTime>
      <parent><name>installed</name></parent>
      <active>1</active>
    </test:domainsnapshot>
  </domain>
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
    <test:runstate>3</test:runstate>
    <name>paused</name>
    <uuid>44444444-2222-3333-4444-000000000002</uuid>
    <memory>262144</memory>
    <vcpu>1</vcpu>
    <os><type>hvm</type></os>
  </domain>
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
    <test:runstate>5</test:runstate>
    <test:hasmanagedsave/>
    <name>saved</name>
    <uuid>44444444-2222-3333-4444-000000000003</uuid>
    <memory>131072</memory>
    <vcpu>1</vcpu>
    <os><type>hvm</type></os>
  </domain>
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
    <test:transient/>
    <name>transient</name>
    <uuid>44444444-2222-3333-4444-000000000004</uuid>
    <memory>65536</memory>
    <vcpu>1</vcpu>
    <os><type>hvm</type></os>
  </domain>
  <network>
    <name>default</name>
    <uuid>55555555-2222-3333-4444-000000000001</uuid>
    <bridge name='virbr0'/>
    <forward/>
    <ip address='192.168.122.1' netmask='255.255.255.0'>
      <dhcp><range start='192.168.122.2' end='192.168.122.254'/></dhcp>
    </ip>
  </network>
  <network>
    <name>isolated</name>
    <uuid>55555555-2222-3333-4444-000000000002</uuid>
    <bridge name='virbr7'/>
  </network>
  <interface type='ethernet' name='eth1'>
    <start mode='onboot'/>
    <mac address='aa:bb:cc:dd:ee:01'/>
    <mtu size='1492'/>
    <protocol family='ipv4'><ip address='192.168.0.5' prefix='24'/></protocol>
  </interface>
  <interface type='ethernet' name='eth2'>
    <start mode='none'/>
    <mac address='aa:bb:cc:dd:ee:02'/>
  </interface>
  <pool type='dir'>
    <name>images</name>
    <uuid>66666666-2222-3333-4444-000000000001</uuid>
    <capacity>107374182400</capacity>
    <allocation>1073741824</allocation>
    <available>106300440576</available>
    <target><path>/images</path></target>
    <volume><name>web.img</name><capacity>10737418240</capacity><allocation>1073741824</allocation><target/></volume>
    <volume><name>data.qcow2</name><capacity>2000000</capacity><target/></volume>
  </pool>
  <pool type='dir'>
    <name>empty</name>
    <uuid>66666666-2222-3333-4444-000000000002</uuid>
    <capacity>1000</capacity>
    <allocation>0</allocation>
    <available>1000</available>
    <target><path>/empty</path></target>
  </pool>
  <device>
    <name>computer</name>
    <capability type='system'>
      <hardware><vendor>Libvirt</vendor><version>Test driver</version><serial>1</serial><uuid>77777777-2222-3333-4444-000000000001</uuid></hardware>
      <firmware><vendor>Libvirt</vendor><version>1</version><release_date>01/22/2007</release_date></firmware>
    </capability>
  </device>
  <device>
    <name>scsi_host1</name>
    <parent>computer</parent>
    <capability type='scsi_host'>
      <host>1</host>
      <unique_id>0</unique_id>
      <capability type='fc_host'>
        <wwnn>2000000012341234</wwnn>
        <wwpn>1000000012341234</wwpn>
        <fabric_wwn>2000000043214321</fabric_wwn>
      </capability>
      <capability type='vport_ops'><max_vports>127</max_vports><vports>0</vports></capability>
    </capability>
  </device>
  <cpu>
    <mhz>2400</mhz>
    <model>i686</model>
    <active>4</active>
    <nodes>2</nodes>
    <sockets>1</sockets>
    <cores>2</cores>
    <threads>1</threads>
  </cpu>
  <memory>8388608</memory>
</node>
"#;

/// The name no object has, as in oracle.py.
const MISSING: &str = "lvrs-no-such-object";
/// A UUID no object has, as in oracle.py.
const MISSING_UUID: &str = "88888888-2222-3333-4444-000000000001";
/// The namespace of `web`'s `<metadata>` element, as in oracle.py.
const METADATA_URI: &str = "http://example.org/app/1.0";
/// `VIR_DOMAIN_MEMORY_STAT_NR` and the names the Python bindings give the
/// memory statistics, by tag.
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

/// Where the typed API still answers otherwise than the C library: a
/// pattern the keys concerned contain, and why. Each must still make a
/// difference, or the test fails: remove the entry once the API is fixed.
///
/// Answers that are right but not typed as they should be (a raw protocol
/// struct, an `i32` for an enum) make no difference in value; the
/// conversions below say so in comments starting with "API gap".
const KNOWN_GAPS: &[(&str, &str)] = &[];

/// The keys whose answers move with the clock in the test driver.
fn moving(key: &str) -> bool {
    key.ends_with(".cpu_time")
        || key.contains("/block_stats(")
        || key.contains("/interface_stats(")
        || key.starts_with("get_all_domain_stats(")
        || key.starts_with("list_get_stats(")
}

// ---------------------------------------------------------------------
// Our answers

/// The answers of one client, under oracle.py's keys, and what the
/// comparison needs besides them.
#[derive(Default)]
struct Answers {
    out: BTreeMap<String, Value>,
    /// Keys asked with a flag or enum member: its family and name, so
    /// that a member this Python module does not know is told apart from
    /// a missing answer.
    flagged: BTreeMap<String, Vec<(&'static str, String)>>,
    /// The C constant name our enums give a value the daemon returned,
    /// with the value.
    enums: BTreeMap<String, i64>,
    /// Typed parameters that ended in a struct's `extra` although the
    /// struct documents their name.
    misplaced: Vec<String>,
}

impl Answers {
    fn put<T>(
        &mut self,
        key: impl Into<String>,
        r: api::Result<T>,
        value: impl FnOnce(T) -> Value,
    ) {
        self.out.insert(key.into(), outcome(r, value));
    }

    /// Records that `key` was asked with member `name` of `family`.
    fn flag(&mut self, key: &str, family: &'static str, name: &str) {
        self.flagged
            .entry(key.to_string())
            .or_default()
            .push((family, name.to_string()));
    }

    /// Records the C name our enum `value` stands for: `prefix` and the
    /// member's name in upper snake case (the generator names a C
    /// `..._UNKNOWN` member `UnknownReason` when `Unknown(i32)` is taken).
    fn enum_name(&mut self, prefix: &str, value: impl Debug, raw: i64) {
        let debug = format!("{value:?}");
        let inner = debug
            .split_once('(')
            .map_or(debug.as_str(), |(_, rest)| rest.trim_end_matches(')'));
        if inner.chars().all(|c| c.is_ascii_digit() || c == '-') {
            // Unknown(raw): a value the enum does not know; the
            // comparison of the raw value shows it.
            self.enums
                .insert(format!("{prefix}<unknown member for {raw}>"), raw);
            return;
        }
        let inner = if inner == "UnknownReason" {
            "Unknown"
        } else {
            inner
        };
        self.enums.insert(format!("{prefix}{}", snake(inner)), raw);
    }

    /// A typed-parameter struct: its parameters as Python's dict, after
    /// checking that only parameters it does not document are in `extra`.
    fn params<S: TypedParamsStruct>(
        &mut self,
        key: impl Into<String>,
        r: api::Result<S>,
        extra: fn(&S) -> &TypedParams,
    ) {
        let key = key.into();
        if let Ok(s) = &r {
            for (name, value) in extra(s).iter() {
                let documented: Vec<&str> = samples()
                    .into_iter()
                    .filter(|sample| {
                        let probe: TypedParams = [(name, sample.clone())].into_iter().collect();
                        S::from_params(probe).is_ok_and(|p| extra(&p).is_empty())
                    })
                    .map(|sample| sample.type_name())
                    .collect();
                if !documented.is_empty() {
                    self.misplaced.push(format!(
                        "{key}: parameter {name:?} arrived as {} but is documented as {} \
                         (or twice), and ended in `extra`",
                        value.type_name(),
                        documented.join("/"),
                    ));
                }
            }
        }
        self.put(key, r, |s| params(&s.to_params()));
    }
}

/// One value of each typed-parameter type.
fn samples() -> Vec<TypedValue> {
    vec![
        TypedValue::Int(0),
        TypedValue::UInt(0),
        TypedValue::LLong(0),
        TypedValue::ULLong(0),
        TypedValue::Double(0.0),
        TypedValue::Boolean(false),
        TypedValue::String(String::new()),
    ]
}

/// A call's outcome as oracle.py writes it.
fn outcome<T>(r: api::Result<T>, value: impl FnOnce(T) -> Value) -> Value {
    match r {
        Ok(v) => value(v),
        Err(e) => match e.remote() {
            Some(e) => json!({"error": {
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
            None => json!({ "client error": e.to_string() }),
        },
    }
}

/// Typed parameters as the Python bindings return them: a dict.
fn params(p: &TypedParams) -> Value {
    let map: Map<String, Value> = p
        .iter()
        .map(|(name, value)| {
            let v = match value {
                TypedValue::Int(v) => json!(v),
                TypedValue::UInt(v) => json!(v),
                TypedValue::LLong(v) => json!(v),
                TypedValue::ULLong(v) => json!(v),
                TypedValue::Double(v) => json!(v),
                TypedValue::Boolean(v) => json!(v),
                TypedValue::String(v) => json!(v),
            };
            (name.to_string(), v)
        })
        .collect();
    Value::Object(map)
}

/// The first `n` bits of a CPU map, as the bindings' tuples of booleans.
fn bits(map: &[u8], n: usize) -> Value {
    json!((0..n)
        .map(|i| map.get(i / 8).is_some_and(|b| b >> (i % 8) & 1 == 1))
        .collect::<Vec<_>>())
}

/// `FromSnapshot` -> `FROM_SNAPSHOT`.
fn snake(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// A flag family: no flag ("0"), then each named flag.
fn each<F: bitflags::Flags + Copy>() -> Vec<(String, F)> {
    let mut v = vec![("0".to_string(), F::empty())];
    v.extend(
        F::FLAGS
            .iter()
            .filter(|f| f.is_named())
            .map(|f| (f.name().to_string(), *f.value())),
    );
    v
}

/// A flag family as oracle.py prints it: name -> value.
fn flag_family<F: bitflags::Flags>() -> Value
where
    F::Bits: Into<u64>,
{
    let map: Map<String, Value> = F::FLAGS
        .iter()
        .filter(|f| f.is_named())
        .map(|f| (f.name().to_string(), json!(f.value().bits().into())))
        .collect();
    Value::Object(map)
}

/// The members of an enum with values 0, 1, ..., by their C names.
fn members<E: Debug + Copy>(from_raw: fn(i32) -> E) -> Vec<(String, E)> {
    (0..)
        .map(|raw| (raw, from_raw(raw)))
        .take_while(|(_, e)| !format!("{e:?}").starts_with("Unknown("))
        .map(|(_, e)| (snake(&format!("{e:?}")), e))
        .collect()
}

/// An enum family as oracle.py prints it: name -> value.
fn enum_family<E: Debug + Copy + Into<i32>>(from_raw: fn(i32) -> E) -> Value {
    let map: Map<String, Value> = members(from_raw)
        .into_iter()
        .map(|(name, e)| (name, json!(e.into())))
        .collect();
    Value::Object(map)
}

/// The flag and enum families oracle.py lists, as the typed API has them.
fn families() -> BTreeMap<String, Value> {
    [
        ("list_domains", flag_family::<ConnectListAllDomainsFlags>()),
        (
            "list_networks",
            flag_family::<ConnectListAllNetworksFlags>(),
        ),
        (
            "list_pools",
            flag_family::<ConnectListAllStoragePoolsFlags>(),
        ),
        (
            "list_interfaces",
            flag_family::<ConnectListAllInterfacesFlags>(),
        ),
        (
            "list_devices",
            flag_family::<ConnectListAllNodeDeviceFlags>(),
        ),
        ("list_secrets", flag_family::<ConnectListAllSecretsFlags>()),
        ("stats", flag_family::<DomainStatsTypes>()),
        (
            "stats_flags",
            flag_family::<ConnectGetAllDomainStatsFlags>(),
        ),
        ("domain_xml", flag_family::<DomainXMLFlags>()),
        ("vcpu", flag_family::<DomainVcpuFlags>()),
        ("impact", flag_family::<DomainModificationImpact>()),
        ("hostname", flag_family::<DomainGetHostnameFlags>()),
        ("snapshot_list", flag_family::<DomainSnapshotListFlags>()),
        ("network_xml", flag_family::<NetworkXMLFlags>()),
        ("storage_xml", flag_family::<StorageXMLFlags>()),
        ("interface_xml", flag_family::<InterfaceXMLFlags>()),
        ("metadata", enum_family(DomainMetadataType::from_raw)),
        (
            "addresses",
            enum_family(DomainInterfaceAddressesSource::from_raw),
        ),
    ]
    .into_iter()
    .map(|(name, family)| (format!("flags/{name}"), family))
    .collect()
}

/// Python's order for the values of a sorted list: strings by code
/// point, numbers by value, lists element by element.
fn py_cmp(x: &Value, y: &Value) -> std::cmp::Ordering {
    match (x, y) {
        (Value::String(a), Value::String(b)) => a.cmp(b),
        (Value::Number(a), Value::Number(b)) => number(a).cmp(&number(b)),
        (Value::Array(a), Value::Array(b)) => a
            .iter()
            .zip(b)
            .map(|(a, b)| py_cmp(a, b))
            .find(|o| o.is_ne())
            .unwrap_or(a.len().cmp(&b.len())),
        _ => x.to_string().cmp(&y.to_string()),
    }
}

/// An integer of a JSON number (doubles do not occur where this is used).
fn number(n: &serde_json::Number) -> i128 {
    n.as_i64()
        .map(i128::from)
        .or(n.as_u64().map(i128::from))
        .unwrap_or_default()
}

/// The values sorted as Python's `sorted` sorts them.
fn sorted(values: impl IntoIterator<Item = Value>) -> Value {
    let mut v: Vec<Value> = values.into_iter().collect();
    v.sort_by(py_cmp);
    Value::Array(v)
}

/// `Ok(v)` as an `i32` 0 or 1, as the C library's `int` booleans.
fn flag_int(v: bool) -> Value {
    json!(i32::from(v))
}

/// The connection's and the host's getters, counts and lists, bulk
/// statistics, then every object's getters (the `collect_*!` macros
/// below). `$a`: the [`Answers`]; `$c`: the connection; `$ns`: `api` or
/// `blocking`, whose handles' associated functions (lookups, ...) are
/// called; `[$($aw)*]`: `[.await]` for the async API, `[]` for the
/// blocking one.
macro_rules! collect_connect {
    ($a:ident, $c:ident, $ns:ident, [$($aw:tt)*]) => {{
        $a.put("get_capabilities", $c.get_capabilities()$($aw)*, |v| json!(v));
        $a.put("get_hostname", $c.get_hostname()$($aw)*, |v| json!(v));
        $a.put("get_lib_version", $c.get_lib_version()$($aw)*, |v| json!(v));
        $a.put("get_version", $c.get_version()$($aw)*, |v| json!(v));
        $a.put("get_type", $c.get_type()$($aw)*, |v| json!(v));
        $a.put("get_uri", $c.get_uri()$($aw)*, |v| json!(v));
        $a.put("get_sysinfo(0)", $c.get_sysinfo(0)$($aw)*, |v| json!(v));
        $a.put("get_max_vcpus(None)", $c.get_max_vcpus(None)$($aw)*, |v| json!(v));
        let r = $c.get_max_vcpus(Some("test"))$($aw)*;
        $a.put("get_max_vcpus(test)", r, |v| json!(v));
        $a.put("is_secure", $c.is_secure()$($aw)*, flag_int);
        $a.put("is_encrypted", Ok($c.is_encrypted()), flag_int);
        $a.put("is_alive", Ok($c.is_alive()), flag_int);
        let info = $c.node_get_info()$($aw)*.expect("node_get_info");
        let (cpus, cells) = (info.cpus as i32, info.nodes as i32);
        // The bindings report the memory in MiB.
        $a.put("node_get_info", Ok(info), |i| {
            json!([
                i.model,
                i.memory >> 10,
                i.cpus,
                i.mhz,
                i.nodes,
                i.sockets,
                i.cores,
                i.threads
            ])
        });
        let r = $c.node_get_cells_free_memory(0, cells)$($aw)*;
        $a.put(format!("node_get_cells_free_memory(0,{cells})"), r, |v| json!(v));
        let r = $c.node_get_cells_free_memory(1, 1)$($aw)*;
        $a.put("node_get_cells_free_memory(1,1)", r, |v| json!(v));
        $a.put("node_get_free_memory", $c.node_get_free_memory()$($aw)*, |v| json!(v));
        for cpu in [-1, 0, cpus - 1, cpus + 100] {
            let r = $c.node_get_cpu_stats(cpu, 0)$($aw)*;
            $a.params(format!("node_get_cpu_stats({cpu})"), r, |s| &s.extra);
        }
        for cell in [-1, 0] {
            let r = $c.node_get_memory_stats(cell, 0)$($aw)*;
            $a.params(format!("node_get_memory_stats({cell})"), r, |s| &s.extra);
        }
        $a.put("node_get_security_model", $c.node_get_security_model()$($aw)*, |m| {
            json!([m.model, m.doi])
        });
        // API gap: node_get_cpu_map takes the protocol's need_map and
        // need_online ints and returns the raw map bytes.
        $a.put("node_get_cpu_map", $c.node_get_cpu_map(0)$($aw)*, |r| {
            json!([r.cpus, bits(&r.cpumap, r.cpus as usize), r.online])
        });
        let r = $c.node_get_memory_parameters(0)$($aw)*;
        $a.params("node_get_memory_parameters", r, |s| &s.extra);
        $a.params("node_get_sev_info", $c.node_get_sev_info(0)$($aw)*, |s| &s.extra);
        let pages = [4u32, 2048];
        let r = $c.node_get_free_pages(&pages, 0, cells as u32, 0)$($aw)*;
        $a.put("node_get_free_pages", r, |v| {
            // The bindings' {cell: {page size: count}}.
            let cells: Map<String, Value> = v
                .chunks(pages.len())
                .enumerate()
                .map(|(cell, counts)| {
                    let sizes = pages.iter().zip(counts).map(|(p, n)| (p.to_string(), json!(n)));
                    (cell.to_string(), Value::Object(sizes.collect()))
                })
                .collect();
            Value::Object(cells)
        });
        let r = $c.get_cpu_model_names("x86_64", 0)$($aw)*;
        $a.put("get_cpu_model_names(x86_64)", r, |v| json!(v));
        let r = $c.get_domain_capabilities(None, None, None, None, 0)$($aw)*;
        $a.put("get_domain_capabilities", r, |v| json!(v));
        let r = $c.get_storage_pool_capabilities(0)$($aw)*;
        $a.put("get_storage_pool_capabilities", r, |v| json!(v));
        for kind in ["logical", "netfs", "dir"] {
            let r = $c.find_storage_pool_sources(kind, None, 0)$($aw)*;
            $a.put(format!("find_storage_pool_sources({kind})"), r, |v| json!(v));
        }

        // Counts, and the lists that the bindings ask after the count.
        $a.put("num_of_domains", $c.num_of_domains()$($aw)*, |v| json!(v));
        $a.put("num_of_defined_domains", $c.num_of_defined_domains()$($aw)*, |v| json!(v));
        $a.put("num_of_networks", $c.num_of_networks()$($aw)*, |v| json!(v));
        $a.put("num_of_defined_networks", $c.num_of_defined_networks()$($aw)*, |v| json!(v));
        $a.put("num_of_storage_pools", $c.num_of_storage_pools()$($aw)*, |v| json!(v));
        let r = $c.num_of_defined_storage_pools()$($aw)*;
        $a.put("num_of_defined_storage_pools", r, |v| json!(v));
        $a.put("num_of_interfaces", $c.num_of_interfaces()$($aw)*, |v| json!(v));
        let r = $c.num_of_defined_interfaces()$($aw)*;
        $a.put("num_of_defined_interfaces", r, |v| json!(v));
        $a.put("num_of_secrets", $c.num_of_secrets()$($aw)*, |v| json!(v));
        $a.put("num_of_nwfilters", $c.num_of_nwfilters()$($aw)*, |v| json!(v));
        for cap in [None, Some("scsi_host")] {
            let r = $c.node_num_of_devices(cap, 0)$($aw)*;
            $a.put(format!("node_num_of_devices({})", cap.unwrap_or("None")), r, |v| json!(v));
            let r = match $c.node_num_of_devices(cap, 0)$($aw)* {
                Ok(n) => $c.node_list_devices(cap, n, 0)$($aw)*,
                Err(e) => Err(e),
            };
            $a.put(format!("node_list_devices({})", cap.unwrap_or("None")), r, |v| {
                sorted(v.into_iter().map(Value::from))
            });
        }
        let r = match $c.num_of_domains()$($aw)* {
            Ok(n) => $c.list_domains(n)$($aw)*,
            Err(e) => Err(e),
        };
        $a.put("list_domains", r, |v| sorted(v.into_iter().map(Value::from)));
        macro_rules! listed {
            ($key:literal, $num:ident, $list:ident) => {
                let r = match $c.$num()$($aw)* {
                    Ok(n) => $c.$list(n)$($aw)*,
                    Err(e) => Err(e),
                };
                $a.put($key, r, |v| sorted(v.into_iter().map(Value::from)));
            };
        }
        listed!("list_defined_domains", num_of_defined_domains, list_defined_domains);
        listed!("list_networks", num_of_networks, list_networks);
        listed!("list_defined_networks", num_of_defined_networks, list_defined_networks);
        listed!("list_storage_pools", num_of_storage_pools, list_storage_pools);
        listed!(
            "list_defined_storage_pools",
            num_of_defined_storage_pools,
            list_defined_storage_pools
        );
        listed!("list_interfaces", num_of_interfaces, list_interfaces);
        listed!("list_defined_interfaces", num_of_defined_interfaces, list_defined_interfaces);
        listed!("list_secrets", num_of_secrets, list_secrets);
        listed!("list_nwfilters", num_of_nwfilters, list_nwfilters);
        $a.put("list_all_nwfilters", $c.list_all_nwfilters(0)$($aw)*, |v| {
            sorted(v.iter().map(|f| json!([f.name(), f.uuid().to_string()])))
        });
        let r = $c.list_all_nwfilters_count(0)$($aw)*;
        $a.put("list_all_nwfilters_count", r, |v| json!(v));
        let r = $c.list_all_nwfilter_bindings_count(0)$($aw)*;
        $a.put("list_all_nwfilter_bindings_count", r, |v| json!(v));
        let r = $c.get_cpu_model_names_count("x86_64", 0)$($aw)*;
        $a.put("get_cpu_model_names_count(x86_64)", r, |v| json!(v));
        let r = $c.list_all_nwfilter_bindings(0)$($aw)*;
        $a.put("list_all_nwfilter_bindings", r, |v| {
            sorted(v.iter().map(|b| json!([b.port_dev(), b.filter_name()])))
        });
        for (name, f) in each::<ConnectListAllDomainsFlags>() {
            let key = format!("list_all_domains_count({name})");
            $a.flag(&key, "list_domains", &name);
            $a.put(key, $c.list_all_domains_count(f)$($aw)*, |v| json!(v));
            let key = format!("list_all_domains({name})");
            $a.flag(&key, "list_domains", &name);
            $a.put(key, $c.list_all_domains(f)$($aw)*, |v| {
                sorted(v.iter().map(|d| {
                    json!([d.name(), d.uuid().to_string(), d.id().map_or(-1, i64::from)])
                }))
            });
        }
        for (name, f) in each::<ConnectListAllNetworksFlags>() {
            let key = format!("list_all_networks_count({name})");
            $a.flag(&key, "list_networks", &name);
            $a.put(key, $c.list_all_networks_count(f)$($aw)*, |v| json!(v));
            let key = format!("list_all_networks({name})");
            $a.flag(&key, "list_networks", &name);
            $a.put(key, $c.list_all_networks(f)$($aw)*, |v| {
                sorted(v.iter().map(|n| json!([n.name(), n.uuid().to_string()])))
            });
        }
        for (name, f) in each::<ConnectListAllStoragePoolsFlags>() {
            let key = format!("list_all_storage_pools_count({name})");
            $a.flag(&key, "list_pools", &name);
            $a.put(key, $c.list_all_storage_pools_count(f)$($aw)*, |v| json!(v));
            let key = format!("list_all_storage_pools({name})");
            $a.flag(&key, "list_pools", &name);
            $a.put(key, $c.list_all_storage_pools(f)$($aw)*, |v| {
                sorted(v.iter().map(|p| json!([p.name(), p.uuid().to_string()])))
            });
        }
        for (name, f) in each::<ConnectListAllInterfacesFlags>() {
            let key = format!("list_all_interfaces_count({name})");
            $a.flag(&key, "list_interfaces", &name);
            $a.put(key, $c.list_all_interfaces_count(f)$($aw)*, |v| json!(v));
            let key = format!("list_all_interfaces({name})");
            $a.flag(&key, "list_interfaces", &name);
            $a.put(key, $c.list_all_interfaces(f)$($aw)*, |v| {
                sorted(v.iter().map(|i| json!([i.name(), i.mac()])))
            });
        }
        for (name, f) in each::<ConnectListAllNodeDeviceFlags>() {
            let key = format!("list_all_node_devices_count({name})");
            $a.flag(&key, "list_devices", &name);
            $a.put(key, $c.list_all_node_devices_count(f)$($aw)*, |v| json!(v));
            let key = format!("list_all_node_devices({name})");
            $a.flag(&key, "list_devices", &name);
            $a.put(key, $c.list_all_node_devices(f)$($aw)*, |v| {
                sorted(v.iter().map(|d| json!(d.name())))
            });
        }
        for (name, f) in each::<ConnectListAllSecretsFlags>() {
            let key = format!("list_all_secrets_count({name})");
            $a.flag(&key, "list_secrets", &name);
            $a.put(key, $c.list_all_secrets_count(f)$($aw)*, |v| json!(v));
            let key = format!("list_all_secrets({name})");
            $a.flag(&key, "list_secrets", &name);
            $a.put(key, $c.list_all_secrets(f)$($aw)*, |v| {
                sorted(v.iter().map(|s| json!(s.uuid().to_string())))
            });
        }

        // Bulk statistics: each group alone, then each filter.
        let no_filter = ConnectGetAllDomainStatsFlags::empty();
        for (name, groups) in each::<DomainStatsTypes>() {
            let key = format!("get_all_domain_stats({name},0)");
            $a.flag(&key, "stats", &name);
            $a.put(key, $c.get_all_domain_stats(groups, no_filter)$($aw)*, |v| {
                let records = v.iter().map(|r| (r.domain.name().to_string(), params(&r.params)));
                Value::Object(records.collect())
            });
        }
        for (name, f) in each::<ConnectGetAllDomainStatsFlags>().into_iter().skip(1) {
            let key = format!("get_all_domain_stats(0,{name})");
            $a.flag(&key, "stats_flags", &name);
            $a.put(key, $c.get_all_domain_stats(DomainStatsTypes::empty(), f)$($aw)*, |v| {
                let records = v.iter().map(|r| (r.domain.name().to_string(), params(&r.params)));
                Value::Object(records.collect())
            });
        }
        let mut doms = $c
            .list_all_domains(ConnectListAllDomainsFlags::empty())$($aw)*
            .expect("list_all_domains");
        doms.sort_by(|x, y| x.name().cmp(y.name()));
        for (name, groups) in each::<DomainStatsTypes>() {
            let key = format!("list_get_stats({name})");
            $a.flag(&key, "stats", &name);
            let r = $ns::Domain::list_get_stats(&doms, groups, no_filter)$($aw)*;
            $a.put(key, r, |v| {
                let records = v.iter().map(|r| (r.domain.name().to_string(), params(&r.params)));
                Value::Object(records.collect())
            });
        }

        // The number of host CPUs in the bindings' CPU maps
        // (virNodeGetCPUMap without a map).
        let cpumap = $c.node_get_cpu_map(0)$($aw)*.expect("node_get_cpu_map");
        let cpumap_cpus = cpumap.cpus as usize;
        for d in &doms {
            collect_domain!($a, $c, $ns, d, cpumap_cpus, [$($aw)*]);
        }
        collect_others!($a, $c, $ns, [$($aw)*]);
    }};
}

/// One domain's getters (see [`collect_connect!`]); `$cpus` is the number
/// of host CPUs in the bindings' CPU maps.
macro_rules! collect_domain {
    ($a:ident, $c:ident, $ns:ident, $d:ident, $cpus:ident, [$($aw:tt)*]) => {{
        let p = format!("domain/{}/", $d.name());
        let key = |call: &str| format!("{p}{call}");
        let maplen = $cpus.div_ceil(8);

        let info = $d.get_info()$($aw)*;
        if let Ok(i) = &info {
            $a.enum_name("VIR_DOMAIN_", i.state, i64::from(i.state.to_raw()));
        }
        let nvcpus = info.as_ref().map_or(0, |i| i.nr_virt_cpu) as usize;
        let cpu_time = info.as_ref().map(|i| i.cpu_time).map_err(Clone::clone);
        $a.put(key("get_info"), info, |i| {
            json!([i.state.to_raw(), i.max_mem, i.memory, i.nr_virt_cpu])
        });
        $a.put(key("get_info.cpu_time"), cpu_time, |t| json!(t));
        let state = $d.get_state(0)$($aw)*;
        if let Ok((s, r)) = &state {
            $a.enum_name("VIR_DOMAIN_", s, i64::from(s.to_raw()));
            let prefix = format!("VIR_DOMAIN_{}_", snake(&format!("{s:?}")));
            $a.enum_name(&prefix, r, i64::from(r.to_raw()));
        }
        $a.put(key("get_state"), state, |(s, r)| json!([s.to_raw(), r.to_raw()]));
        for (name, f) in each::<DomainXMLFlags>() {
            let k = key(&format!("get_xml_desc({name})"));
            $a.flag(&k, "domain_xml", &name);
            $a.put(k, $d.get_xml_desc(f)$($aw)*, |v| json!(v));
        }
        $a.put(key("get_os_type"), $d.get_os_type()$($aw)*, |v| json!(v));
        $a.put(key("get_max_memory"), $d.get_max_memory()$($aw)*, |v| json!(v));
        $a.put(key("get_max_vcpus"), $d.get_max_vcpus()$($aw)*, |v| json!(v));
        for (name, f) in each::<DomainVcpuFlags>() {
            let k = key(&format!("get_vcpus_flags({name})"));
            $a.flag(&k, "vcpu", &name);
            $a.put(k, $d.get_vcpus_flags(f)$($aw)*, |v| json!(v));
        }
        let r = $d.get_vcpus_flags(DomainVcpuFlags::CONFIG | DomainVcpuFlags::MAXIMUM)$($aw)*;
        $a.put(key("get_vcpus_flags(CONFIG|MAXIMUM)"), r, |v| json!(v));
        $a.put(key("get_autostart"), $d.get_autostart()$($aw)*, flag_int);
        $a.put(key("is_active"), $d.is_active()$($aw)*, flag_int);
        $a.put(key("is_persistent"), $d.is_persistent()$($aw)*, flag_int);
        $a.put(key("is_updated"), $d.is_updated()$($aw)*, flag_int);
        let r = $d.has_managed_save_image(0)$($aw)*;
        $a.put(key("has_managed_save_image"), r, flag_int);
        $a.put(key("has_current_snapshot"), $d.has_current_snapshot(0)$($aw)*, flag_int);
        $a.put(key("get_scheduler_type"), $d.get_scheduler_type()$($aw)*, |t| {
            json!([t.r#type, t.nparams])
        });
        let r = $d.get_scheduler_parameters()$($aw)*;
        $a.params(key("get_scheduler_parameters"), r, |s| &s.extra);
        for (name, f) in each::<DomainModificationImpact>() {
            let flagged = |call: &str| key(&format!("{call}({name})"));
            let k = flagged("get_scheduler_parameters_flags");
            $a.flag(&k, "impact", &name);
            $a.params(k, $d.get_scheduler_parameters_flags(f)$($aw)*, |s| &s.extra);
            let k = flagged("get_memory_parameters");
            $a.flag(&k, "impact", &name);
            $a.params(k, $d.get_memory_parameters(f)$($aw)*, |s| &s.extra);
            let k = flagged("get_numa_parameters");
            $a.flag(&k, "impact", &name);
            $a.params(k, $d.get_numa_parameters(f)$($aw)*, |s| &s.extra);
            let k = flagged("get_blkio_parameters");
            $a.flag(&k, "impact", &name);
            $a.params(k, $d.get_blkio_parameters(f)$($aw)*, |s| &s.extra);
            let k = flagged("get_perf_events");
            $a.flag(&k, "impact", &name);
            $a.params(k, $d.get_perf_events(f)$($aw)*, |s| &s.extra);
            for disk in ["vda", "vdb"] {
                let k = key(&format!("get_block_io_tune({disk},{name})"));
                $a.flag(&k, "impact", &name);
                let r = $d.get_block_io_tune(Some(disk), f)$($aw)*;
                $a.params(k, r, |s| &s.extra);
            }
            for dev in ["testnet0", "52:54:00:00:00:01"] {
                let k = key(&format!("get_interface_parameters({dev},{name})"));
                $a.flag(&k, "impact", &name);
                let r = $d.get_interface_parameters(dev, f)$($aw)*;
                $a.params(k, r, |s| &s.extra);
            }
            // API gap: the pin-info getters take the C map length and
            // return raw map bytes.
            let k = flagged("get_vcpu_pin_info");
            $a.flag(&k, "impact", &name);
            let r = $d.get_vcpu_pin_info(nvcpus as i32, maplen as i32, f)$($aw)*;
            $a.put(k, r, |r| {
                json!((0..r.num as usize)
                    .map(|v| bits(r.cpumaps.get(v * maplen..).unwrap_or_default(), $cpus))
                    .collect::<Vec<_>>())
            });
            let k = flagged("get_emulator_pin_info");
            $a.flag(&k, "impact", &name);
            let r = $d.get_emulator_pin_info(maplen as i32, f)$($aw)*;
            $a.put(k, r, |r| bits(&r.cpumaps, $cpus));
            let k = flagged("get_iothread_info");
            $a.flag(&k, "impact", &name);
            $a.put(k, $d.get_iothread_info(f)$($aw)*, |r| {
                json!(r
                    .info
                    .iter()
                    .map(|t| json!([t.iothread_id, bits(&t.cpumap, $cpus)]))
                    .collect::<Vec<_>>())
            });
            for (member, m) in members(DomainMetadataType::from_raw) {
                let k = key(&format!("get_metadata({member},{name})"));
                $a.flag(&k, "metadata", &member);
                $a.flag(&k, "impact", &name);
                let uri = (member == "ELEMENT").then_some(METADATA_URI);
                $a.put(k, $d.get_metadata(m, uri, f)$($aw)*, |v| json!(v));
            }
        }
        let r = $d
            .get_metadata(
                DomainMetadataType::Element,
                Some("http://example.org/none"),
                DomainModificationImpact::empty(),
            )$($aw)*;
        $a.put(key("get_metadata(ELEMENT,missing)"), r, |v| json!(v));

        for disk in ["vda", "vdb", MISSING] {
            $a.put(key(&format!("block_stats({disk})")), $d.block_stats(disk)$($aw)*, |s| {
                json!([s.rd_req, s.rd_bytes, s.wr_req, s.wr_bytes, s.errs])
            });
            let r = $d.block_stats_flags(disk, 0)$($aw)*;
            $a.params(key(&format!("block_stats_flags({disk})")), r, |s| &s.extra);
            let r = $d.get_block_info(disk, 0)$($aw)*;
            $a.put(key(&format!("get_block_info({disk})")), r, |b| {
                json!([b.capacity, b.allocation, b.physical])
            });
            let r = $d.get_block_job_info(disk, DomainBlockJobInfoFlags::empty())$($aw)*;
            $a.put(key(&format!("get_block_job_info({disk})")), r, |j| match j {
                None => json!({}),
                Some(j) => json!({
                    "type": j.kind.to_raw(),
                    "bandwidth": j.bandwidth,
                    "cur": j.cur,
                    "end": j.end
                }),
            });
        }
        for dev in ["testnet0", "52:54:00:00:00:01"] {
            $a.put(key(&format!("interface_stats({dev})")), $d.interface_stats(dev)$($aw)*, |s| {
                json!([
                    s.rx_bytes,
                    s.rx_packets,
                    s.rx_errs,
                    s.rx_drop,
                    s.tx_bytes,
                    s.tx_packets,
                    s.tx_errs,
                    s.tx_drop
                ])
            });
        }
        let r = $d.memory_stats(MEMORY_STATS.len() as u32, 0)$($aw)*;
        if let Ok(stats) = &r {
            for s in stats {
                $a.enum_name("VIR_DOMAIN_MEMORY_STAT_", s.tag, i64::from(s.tag.to_raw()));
            }
        }
        $a.put(key("memory_stats"), r, |v| {
            let map: Map<String, Value> = v
                .iter()
                .filter_map(|s| {
                    let name = MEMORY_STATS.get(usize::try_from(s.tag.to_raw()).ok()?)?;
                    Some((name.to_string(), json!(s.val)))
                })
                .collect();
            Value::Object(map)
        });
        // The C sizes are arguments, as in C; the maps are the C bitmaps.
        let r = $d.get_vcpus(nvcpus as i32, maplen as i32)$($aw)*;
        if let Ok(v) = &r {
            for i in &v.info {
                $a.enum_name("VIR_VCPU_", i.state, i64::from(i.state.to_raw()));
            }
        }
        let times = r.as_ref().map(|v| v.info.iter().map(|i| i.cpu_time).collect::<Vec<_>>());
        $a.put(key("get_vcpus.cpu_time"), times.map_err(Clone::clone), |t| json!(t));
        $a.put(key("get_vcpus"), r, |v| {
            let info: Vec<Value> =
                v.info.iter().map(|i| json!([i.number, i.state.to_raw(), i.cpu])).collect();
            let maps: Vec<Value> = (0..v.info.len())
                .map(|n| bits(v.cpumaps.get(n * maplen..).unwrap_or_default(), $cpus))
                .collect();
            json!([info, maps])
        });
        let r = $d.get_cpu_stats(-1, 1, 0)$($aw)*;
        $a.put(key("get_cpu_stats(total)"), r, |v| json!(v.iter().map(params).collect::<Vec<_>>()));
        // API gap: get_cpu_stats cannot tell the number of CPUs it reports,
        // which C's virDomainGetCPUStats(dom, NULL, 0, 0, 0, flags) returns
        // (and the bindings ask first); the host's CPU count stands in.
        let r = $d.get_cpu_stats(0, $cpus as u32, 0)$($aw)*;
        $a.put(key("get_cpu_stats(per_cpu)"), r, |v| {
            json!(v.iter().map(params).collect::<Vec<_>>())
        });
        $a.put(key("get_job_info"), $d.get_job_info()$($aw)*, |j| {
            json!([
                j.kind.to_raw(),
                j.time_elapsed,
                j.time_remaining,
                j.data_total,
                j.data_processed,
                j.data_remaining,
                j.mem_total,
                j.mem_processed,
                j.mem_remaining,
                j.file_total,
                j.file_processed,
                j.file_remaining
            ])
        });
        let r = $d.get_job_stats(DomainGetJobStatsFlags::empty())$($aw)*;
        let job_type = r.as_ref().ok().map(|(t, _)| t.to_raw());
        $a.params(key("get_job_stats"), r.map(|(_, s)| s), |s| &s.extra);
        let stats = $a.out.get_mut(&key("get_job_stats"));
        if let (Some(t), Some(Value::Object(m))) = (job_type, stats) {
            // The bindings add the job type to the dict.
            m.insert("type".into(), json!(t));
        }
        $a.put(key("get_time"), $d.get_time(0)$($aw)*, |t| {
            json!({"seconds": t.seconds, "nseconds": t.nseconds})
        });
        for (name, f) in each::<DomainGetHostnameFlags>() {
            let k = key(&format!("get_hostname({name})"));
            $a.flag(&k, "hostname", &name);
            $a.put(k, $d.get_hostname(f)$($aw)*, |v| json!(v));
        }
        let r = $d.get_launch_security_info(0)$($aw)*;
        $a.params(key("get_launch_security_info"), r, |s| &s.extra);
        $a.put(key("get_guest_info"), $d.get_guest_info(0, 0)$($aw)*, |p| params(&p));
        $a.put(key("get_guest_vcpus"), $d.get_guest_vcpus(0)$($aw)*, |p| params(&p));
        let r = $d.get_control_info(0)$($aw)*;
        if let Ok(ci) = &r {
            $a.enum_name("VIR_DOMAIN_CONTROL_", ci.state, i64::from(ci.state.to_raw()));
        }
        $a.put(key("get_control_info"), r, |ci| {
            json!([ci.state.to_raw(), ci.details, ci.state_time])
        });
        // The bindings ask for the number of errors first, as get_disk_errors
        // does.
        let r = $d.get_disk_errors(0)$($aw)*;
        if let Ok(errors) = &r {
            for e in errors {
                $a.enum_name("VIR_DOMAIN_DISK_ERROR_", e.error, i64::from(e.error.to_raw()));
            }
        }
        $a.put(key("get_disk_errors"), r, |r| {
            Value::Object(r.iter().map(|e| (e.disk.clone(), json!(e.error.to_raw()))).collect())
        });
        $a.put(key("get_fsinfo"), $d.get_fsinfo(0)$($aw)*, |r| {
            json!(r
                .info
                .iter()
                .map(|f| json!([f.mountpoint, f.name, f.fstype, f.dev_aliases]))
                .collect::<Vec<_>>())
        });
        for (name, src) in members(DomainInterfaceAddressesSource::from_raw) {
            let k = key(&format!("interface_addresses({name})"));
            $a.flag(&k, "addresses", &name);
            $a.put(k, $d.interface_addresses(src, 0)$($aw)*, |ifaces| {
                let map: Map<String, Value> = ifaces
                    .iter()
                    .map(|i| {
                        let addrs: Vec<Value> = i
                            .addrs
                            .iter()
                            .map(|a| json!({"addr": a.addr, "prefix": a.prefix, "type": a.kind.to_raw()}))
                            .collect();
                        let addrs = if addrs.is_empty() { Value::Null } else { json!(addrs) };
                        (i.name.clone(), json!({"addrs": addrs, "hwaddr": i.hwaddr}))
                    })
                    .collect();
                Value::Object(map)
            });
        }
        $a.put(key("get_security_label"), $d.get_security_label()$($aw)*, |l| {
            json!([l.label, l.enforcing])
        });
        $a.put(key("get_security_label_list"), $d.get_security_label_list()$($aw)*, |l| {
            json!(l.iter().map(|l| json!([l.label, l.enforcing])).collect::<Vec<_>>())
        });
        let r = $d.migrate_get_max_downtime(0)$($aw)*;
        $a.put(key("migrate_get_max_downtime"), r, |v| json!(v));
        let r = $d.migrate_get_compression_cache(0)$($aw)*;
        $a.put(key("migrate_get_compression_cache"), r, |v| json!(v));
        let r = $d.migrate_get_max_speed(DomainMigrateMaxSpeedFlags::empty())$($aw)*;
        $a.put(key("migrate_get_max_speed"), r, |v| json!(v));
        let r = $d.managed_save_get_xml_desc(DomainSaveImageXMLFlags::empty())$($aw)*;
        $a.put(key("managed_save_get_xml_desc"), r, |v| json!(v));
        let r = $d.authorized_ssh_keys_get("root", 0)$($aw)*;
        $a.put(key("authorized_ssh_keys_get(root)"), r, |v| json!(v));
        let r = $d.list_all_checkpoints_count(DomainCheckpointListFlags::empty())$($aw)*;
        $a.put(key("list_all_checkpoints_count"), r, |v| json!(v));
        let r = $d.list_all_checkpoints(DomainCheckpointListFlags::empty())$($aw)*;
        $a.put(key("list_all_checkpoints"), r, |v| sorted(v.iter().map(|c| json!(c.name()))));
        let r = $ns::Domain::lookup_by_name(&$c, $d.name())$($aw)*;
        $a.put(key("lookup_by_name"), r, |d| json!([d.name(), d.uuid().to_string()]));
        let r = $ns::Domain::lookup_by_uuid(&$c, &$d.uuid())$($aw)*;
        $a.put(key("lookup_by_uuid"), r, |d| json!(d.name()));
        let r = $ns::Domain::lookup_by_uuid_string(&$c, &$d.uuid().to_string())$($aw)*;
        $a.put(key("lookup_by_uuid_string"), r, |d| json!(d.name()));
        let id = $d.id().map_or(-1, |id| id as i32);
        let r = $ns::Domain::lookup_by_id(&$c, id)$($aw)*;
        $a.put(key("lookup_by_id"), r, |d| json!(d.name()));

        for (name, f) in each::<DomainSnapshotListFlags>() {
            let k = key(&format!("list_all_snapshots({name})"));
            $a.flag(&k, "snapshot_list", &name);
            $a.put(k, $d.list_all_snapshots(f)$($aw)*, |v| {
                sorted(v.iter().map(|s| json!(s.name())))
            });
            let k = key(&format!("list_all_snapshots_count({name})"));
            $a.flag(&k, "snapshot_list", &name);
            $a.put(k, $d.list_all_snapshots_count(f)$($aw)*, |v| json!(v));
            let k = key(&format!("snapshot_num({name})"));
            $a.flag(&k, "snapshot_list", &name);
            $a.put(k, $ns::DomainSnapshot::num($d, f)$($aw)*, |v| json!(v));
            let k = key(&format!("snapshot_list_names({name})"));
            $a.flag(&k, "snapshot_list", &name);
            let r = match $ns::DomainSnapshot::num($d, f)$($aw)* {
                Ok(n) => $ns::DomainSnapshot::list_names($d, n, f)$($aw)*,
                Err(e) => Err(e),
            };
            $a.put(k, r, |v| sorted(v.into_iter().map(Value::from)));
        }
        let r = $ns::DomainSnapshot::current($d, 0)$($aw)*;
        $a.put(key("snapshot_current"), r, |s| json!(s.name()));
        let r = $ns::DomainSnapshot::lookup_by_name($d, MISSING, 0)$($aw)*;
        $a.put(key("snapshot_lookup_by_name(missing)"), r, |s| json!(s.name()));
        let mut snaps = $d
            .list_all_snapshots(DomainSnapshotListFlags::empty())$($aw)*
            .unwrap_or_default();
        snaps.sort_by(|x, y| x.name().cmp(y.name()));
        let none = DomainSnapshotListFlags::empty();
        for s in &snaps {
            let p = format!("snapshot/{}/{}/", $d.name(), s.name());
            let key = |call: &str| format!("{p}{call}");
            let r = s.get_xml_desc(DomainSnapshotXMLFlags::empty())$($aw)*;
            $a.put(key("get_xml_desc"), r, |v| json!(v));
            $a.put(key("get_parent"), s.get_parent(0)$($aw)*, |v| json!(v.name()));
            $a.put(key("is_current"), s.is_current(0)$($aw)*, flag_int);
            $a.put(key("has_metadata"), s.has_metadata(0)$($aw)*, flag_int);
            $a.put(key("num_children"), s.num_children(none)$($aw)*, |v| json!(v));
            $a.put(key("list_all_children"), s.list_all_children(none)$($aw)*, |v| {
                sorted(v.iter().map(|c| json!(c.name())))
            });
            let r = s.list_all_children_count(none)$($aw)*;
            $a.put(key("list_all_children_count"), r, |v| json!(v));
            let r = match s.num_children(none)$($aw)* {
                Ok(n) => s.list_children_names(n, none)$($aw)*,
                Err(e) => Err(e),
            };
            $a.put(key("list_children_names"), r, |v| sorted(v.into_iter().map(Value::from)));
            let r = $ns::DomainSnapshot::lookup_by_name($d, s.name(), 0)$($aw)*;
            $a.put(key("lookup_by_name"), r, |v| json!(v.name()));
        }
    }};
}

/// Networks, pools and their volumes, interfaces, node devices, and the
/// lookups of what the test driver has no driver for (see
/// [`collect_connect!`]).
macro_rules! collect_others {
    ($a:ident, $c:ident, $ns:ident, [$($aw:tt)*]) => {{
        let mut nets = $c
            .list_all_networks(ConnectListAllNetworksFlags::empty())$($aw)*
            .expect("list_all_networks");
        nets.sort_by(|x, y| x.name().cmp(y.name()));
        for n in &nets {
            let p = format!("network/{}/", n.name());
            let key = |call: &str| format!("{p}{call}");
            for (name, f) in each::<NetworkXMLFlags>() {
                let k = key(&format!("get_xml_desc({name})"));
                $a.flag(&k, "network_xml", &name);
                $a.put(k, n.get_xml_desc(f)$($aw)*, |v| json!(v));
            }
            $a.put(key("is_active"), n.is_active()$($aw)*, flag_int);
            $a.put(key("is_persistent"), n.is_persistent()$($aw)*, flag_int);
            $a.put(key("get_autostart"), n.get_autostart()$($aw)*, flag_int);
            $a.put(key("get_bridge_name"), n.get_bridge_name()$($aw)*, |v| json!(v));
            $a.put(key("get_dhcp_leases"), n.get_dhcp_leases(None, 0)$($aw)*, |v| {
                json!(v
                    .iter()
                    .map(|l| json!({
                        "iface": l.iface,
                        "expirytime": l.expirytime,
                        "type": l.r#type,
                        "mac": l.mac,
                        "iaid": l.iaid,
                        "ipaddr": l.ipaddr,
                        "prefix": l.prefix,
                        "hostname": l.hostname,
                        "clientid": l.clientid,
                    }))
                    .collect::<Vec<_>>())
            });
            let r = n.get_dhcp_leases_count(None, 0)$($aw)*;
            $a.put(key("get_dhcp_leases_count"), r, |v| json!(v));
            $a.put(key("list_all_ports_count"), n.list_all_ports_count(0)$($aw)*, |v| json!(v));
            $a.put(key("list_all_ports"), n.list_all_ports(0)$($aw)*, |v| {
                json!(v.iter().map(|port| port.uuid().to_string()).collect::<Vec<_>>())
            });
            let r = $ns::Network::lookup_by_name(&$c, n.name())$($aw)*;
            $a.put(key("lookup_by_name"), r, |n| json!([n.name(), n.uuid().to_string()]));
            let r = $ns::Network::lookup_by_uuid(&$c, &n.uuid())$($aw)*;
            $a.put(key("lookup_by_uuid"), r, |n| json!(n.name()));
            let r = $ns::Network::lookup_by_uuid_string(&$c, &n.uuid().to_string())$($aw)*;
            $a.put(key("lookup_by_uuid_string"), r, |n| json!(n.name()));
        }

        let mut pools = $c
            .list_all_storage_pools(ConnectListAllStoragePoolsFlags::empty())$($aw)*
            .expect("list_all_storage_pools");
        pools.sort_by(|x, y| x.name().cmp(y.name()));
        for pool in &pools {
            let p = format!("pool/{}/", pool.name());
            let key = |call: &str| format!("{p}{call}");
            // API gap: get_info returns the protocol's reply, the state a u8
            // (a StoragePoolState).
            let r = pool.get_info()$($aw)*;
            if let Ok(i) = &r {
                $a.enum_name("VIR_STORAGE_POOL_", i.state, i64::from(i.state.to_raw()));
            }
            $a.put(key("get_info"), r, |i| {
                json!([i.state.to_raw(), i.capacity, i.allocation, i.available])
            });
            for (name, f) in each::<StorageXMLFlags>() {
                let k = key(&format!("get_xml_desc({name})"));
                $a.flag(&k, "storage_xml", &name);
                $a.put(k, pool.get_xml_desc(f)$($aw)*, |v| json!(v));
            }
            $a.put(key("get_autostart"), pool.get_autostart()$($aw)*, flag_int);
            $a.put(key("is_active"), pool.is_active()$($aw)*, flag_int);
            $a.put(key("is_persistent"), pool.is_persistent()$($aw)*, flag_int);
            $a.put(key("num_of_volumes"), pool.num_of_volumes()$($aw)*, |v| json!(v));
            let r = match pool.num_of_volumes()$($aw)* {
                Ok(n) => pool.list_volumes(n)$($aw)*,
                Err(e) => Err(e),
            };
            $a.put(key("list_volumes"), r, |v| sorted(v.into_iter().map(Value::from)));
            let mut vols = pool.list_all_volumes(0)$($aw)*.expect("list_all_volumes");
            vols.sort_by(|x, y| x.name().cmp(y.name()));
            let mut listed = Vec::new();
            for v in &vols {
                let path = v.get_path()$($aw)*.expect("get_path");
                listed.push(json!([v.name(), v.key(), path]));
            }
            $a.put(key("list_all_volumes"), Ok(listed), |v| json!(v));
            let r = pool.list_all_volumes_count(0)$($aw)*;
            $a.put(key("list_all_volumes_count"), r, |v| json!(v));
            let r = $ns::StoragePool::lookup_by_name(&$c, pool.name())$($aw)*;
            $a.put(key("lookup_by_name"), r, |p| json!([p.name(), p.uuid().to_string()]));
            let r = $ns::StoragePool::lookup_by_uuid(&$c, &pool.uuid())$($aw)*;
            $a.put(key("lookup_by_uuid"), r, |p| json!(p.name()));
            let r = $ns::StoragePool::lookup_by_uuid_string(&$c, &pool.uuid().to_string())$($aw)*;
            $a.put(key("lookup_by_uuid_string"), r, |p| json!(p.name()));
            let path = format!("/{}", pool.name());
            let r = $ns::StoragePool::lookup_by_target_path(&$c, &path)$($aw)*;
            $a.put(key("lookup_by_target_path"), r, |p| json!(p.name()));
            for v in &vols {
                let p = format!("volume/{}/{}/", pool.name(), v.name());
                let key = |call: &str| format!("{p}{call}");
                let r = v.get_info()$($aw)*;
                if let Ok(i) = &r {
                    $a.enum_name("VIR_STORAGE_VOL_", i.kind, i64::from(i.kind.to_raw()));
                }
                $a.put(key("get_info"), r, |i| json!([i.kind.to_raw(), i.capacity, i.allocation]));
                let r = v.get_info_flags(StorageVolInfoFlags::empty())$($aw)*;
                $a.put(key("get_info_flags"), r, |i| {
                    json!([i.kind.to_raw(), i.capacity, i.allocation])
                });
                $a.put(key("get_path"), v.get_path()$($aw)*, |v| json!(v));
                $a.put(key("get_xml_desc"), v.get_xml_desc(0)$($aw)*, |v| json!(v));
                let r = $ns::StorageVol::lookup_by_name(pool, v.name())$($aw)*;
                $a.put(key("lookup_by_name"), r, |v| json!([v.name(), v.key()]));
                let r = $ns::StorageVol::lookup_by_key(&$c, v.key())$($aw)*;
                $a.put(key("lookup_by_key"), r, |v| json!(v.name()));
                let path = v.get_path()$($aw)*.expect("get_path");
                let r = $ns::StorageVol::lookup_by_path(&$c, &path)$($aw)*;
                $a.put(key("lookup_by_path"), r, |v| json!(v.name()));
                let r = $ns::StoragePool::lookup_by_volume(v)$($aw)*;
                $a.put(key("storage_pool_lookup_by_volume"), r, |p| json!(p.name()));
            }
        }

        let mut ifaces = $c
            .list_all_interfaces(ConnectListAllInterfacesFlags::empty())$($aw)*
            .expect("list_all_interfaces");
        ifaces.sort_by(|x, y| x.name().cmp(y.name()));
        for i in &ifaces {
            let p = format!("interface/{}/", i.name());
            let key = |call: &str| format!("{p}{call}");
            for (name, f) in each::<InterfaceXMLFlags>() {
                let k = key(&format!("get_xml_desc({name})"));
                $a.flag(&k, "interface_xml", &name);
                $a.put(k, i.get_xml_desc(f)$($aw)*, |v| json!(v));
            }
            $a.put(key("is_active"), i.is_active()$($aw)*, flag_int);
            let r = $ns::Interface::lookup_by_name(&$c, i.name())$($aw)*;
            $a.put(key("lookup_by_name"), r, |i| json!([i.name(), i.mac()]));
            let r = $ns::Interface::lookup_by_mac_string(&$c, i.mac())$($aw)*;
            $a.put(key("lookup_by_mac_string"), r, |i| json!(i.name()));
        }

        let mut devices = $c
            .list_all_node_devices(ConnectListAllNodeDeviceFlags::empty())$($aw)*
            .expect("list_all_node_devices");
        devices.sort_by(|x, y| x.name().cmp(y.name()));
        for dev in &devices {
            let name = dev.name();
            let p = format!("device/{name}/");
            let key = |call: &str| format!("{p}{call}");
            let r = dev.get_xml_desc(0)$($aw)*;
            $a.put(key("get_xml_desc"), r, |v| json!(v));
            let r = dev.get_parent()$($aw)*;
            $a.put(key("get_parent"), r, |v| json!(v));
            let r = dev.num_of_caps()$($aw)*;
            $a.put(key("num_of_caps"), r, |v| json!(v));
            let r = match dev.num_of_caps()$($aw)* {
                Ok(n) => dev.list_caps(n)$($aw)*,
                Err(e) => Err(e),
            };
            $a.put(key("list_caps"), r, |v| json!(v));
            let r = dev.is_active()$($aw)*;
            $a.put(key("is_active"), r, flag_int);
            let r = dev.is_persistent()$($aw)*;
            $a.put(key("is_persistent"), r, flag_int);
            let r = dev.get_autostart()$($aw)*;
            $a.put(key("get_autostart"), r, flag_int);
            let r = $ns::NodeDevice::lookup_by_name(&$c, name)$($aw)*;
            $a.put(key("lookup_by_name"), r, |d| json!(d.name()));
        }
        let r = $ns::NodeDevice::lookup_scsi_host_by_wwn(
            &$c,
            "2000000012341234",
            "1000000012341234",
            0,
        )$($aw)*;
        $a.put("node_device_lookup_scsi_host_by_wwn", r, |d| json!(d.name()));
        let r = $ns::NodeDevice::lookup_by_name(&$c, MISSING)$($aw)*;
        $a.put("node_device_lookup_by_name(missing)", r, |d| json!(d.name()));

        // Lookups of what the test driver has no driver for, and misses.
        let r = $ns::Secret::lookup_by_uuid_string(&$c, MISSING_UUID)$($aw)*;
        $a.put("secret_lookup_by_uuid_string", r, |s| json!(s.uuid().to_string()));
        let r = $ns::Secret::lookup_by_usage(&$c, SecretUsageType::Volume, "/x")$($aw)*;
        $a.put("secret_lookup_by_usage(VOLUME)", r, |s| json!(s.uuid().to_string()));
        let r = $ns::NWFilter::lookup_by_name(&$c, MISSING)$($aw)*;
        $a.put("nwfilter_lookup_by_name", r, |f| json!(f.name()));
        let r = $ns::NWFilter::lookup_by_uuid_string(&$c, MISSING_UUID)$($aw)*;
        $a.put("nwfilter_lookup_by_uuid_string", r, |f| json!(f.name()));
        let r = $ns::NWFilterBinding::lookup_by_port_dev(&$c, "vnet0")$($aw)*;
        $a.put("nwfilter_binding_lookup_by_port_dev", r, |b| json!(b.port_dev()));
        let r = $ns::Domain::lookup_by_name(&$c, MISSING)$($aw)*;
        $a.put("domain_lookup_by_name(missing)", r, |d| json!(d.name()));
        let r = $ns::Network::lookup_by_uuid_string(&$c, MISSING_UUID)$($aw)*;
        $a.put("network_lookup_by_uuid_string(missing)", r, |n| json!(n.name()));
        let r = $ns::StoragePool::lookup_by_target_path(&$c, &format!("/{MISSING}"))$($aw)*;
        $a.put("storage_pool_lookup_by_target_path(missing)", r, |p| json!(p.name()));
        let r = $ns::StorageVol::lookup_by_key(&$c, MISSING)$($aw)*;
        $a.put("storage_vol_lookup_by_key(missing)", r, |v| json!(v.name()));
    }};
}

/// Our answers through the async API.
async fn collect_async(uri: &str) -> Answers {
    let conn = live::within(live::STEP, "open", api::Connect::open(uri))
        .await
        .unwrap_or_else(|e| panic!("opening {uri}: {e}"));
    let mut a = Answers::default();
    live::within(live::STEP * 4, "the async answers", async {
        collect_connect!(a, conn, api, [.await]);
    })
    .await;
    a.out.extend(families());
    conn.close().await.unwrap();
    a
}

/// Our answers through the blocking API.
fn collect_blocking(uri: &str) -> Answers {
    let conn = blocking::Connect::open(uri).unwrap_or_else(|e| panic!("opening {uri}: {e}"));
    let mut a = Answers::default();
    collect_connect!(a, conn, blocking, []);
    a.out.extend(families());
    conn.close().unwrap();
    a
}

// ---------------------------------------------------------------------
// The C library's answers, and the comparison

/// What the C library answered, from `oracle.py URI --api`.
fn oracle(uri: &str) -> BTreeMap<String, Value> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/oracle/oracle.py");
    let out = Command::new(live::python())
        .arg(script)
        .arg(uri)
        .arg("--api")
        .output()
        .expect("running oracle.py");
    assert!(
        out.status.success(),
        "oracle.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("oracle.py printed JSON")
}

/// The number of values in an answer (an error counts its fields).
fn leaves(v: &Value) -> usize {
    match v {
        Value::Array(a) if !a.is_empty() => a.iter().map(leaves).sum(),
        Value::Object(m) if !m.is_empty() => m.values().map(leaves).sum(),
        _ => 1,
    }
}

/// True when `v` lies between `lo` and `hi`: numbers by value, lists and
/// dicts member by member, anything else equal to both.
fn between(lo: &Value, v: &Value, hi: &Value) -> bool {
    match (lo, v, hi) {
        (Value::Number(lo), Value::Number(v), Value::Number(hi)) => {
            let (lo, v, hi) = (number(lo), number(v), number(hi));
            lo.min(hi) <= v && v <= lo.max(hi)
        }
        (Value::Array(lo), Value::Array(v), Value::Array(hi)) => {
            lo.len() == v.len()
                && v.len() == hi.len()
                && lo.iter().zip(v).zip(hi).all(|((l, v), h)| between(l, v, h))
        }
        (Value::Object(lo), Value::Object(v), Value::Object(hi)) => lo.len() == v.len()
            && v.len() == hi.len()
            && v.iter().all(
                |(k, v)| matches!((lo.get(k), hi.get(k)), (Some(l), Some(h)) if between(l, v, h)),
            ),
        _ => lo == v && v == hi,
    }
}

/// A value for a message, cut when long.
fn shown(v: Option<&Value>) -> String {
    let s = v.map_or("(not asked)".to_string(), Value::to_string);
    if s.chars().count() > 400 {
        format!("{}…", s.chars().take(400).collect::<String>())
    } else {
        s
    }
}

/// How two answers differ: the members that differ for two dicts (a
/// typed-parameter struct against Python's dict), else both values.
fn difference(theirs: Option<&Value>, ours: Option<&Value>) -> String {
    if let (Some(Value::Object(t)), Some(Value::Object(o))) = (theirs, ours) {
        if !t.contains_key("error") && !o.contains_key("error") {
            let names: BTreeSet<&String> = t.keys().chain(o.keys()).collect();
            return names
                .into_iter()
                .filter(|n| t.get(*n) != o.get(*n))
                .map(|n| {
                    format!(
                        "\n    {n}: C {} / typed {}",
                        shown(t.get(n)),
                        shown(o.get(n))
                    )
                })
                .collect();
        }
    }
    format!(
        "\n    C library: {}\n    typed API: {}",
        shown(theirs),
        shown(ours)
    )
}

/// The typed API's name of the getter behind a key:
/// `domain/web/get_block_io_tune(vdb,0)` -> `Domain::get_block_io_tune`.
fn getter(key: &str) -> String {
    let call = key.rsplit('/').next().unwrap_or(key);
    let call = call.split('(').next().unwrap_or(call);
    let handle = match key.split('/').next() {
        Some("domain") => "Domain",
        Some("snapshot") => "DomainSnapshot",
        Some("network") => "Network",
        Some("pool") => "StoragePool",
        Some("volume") => "StorageVol",
        Some("interface") => "Interface",
        Some("device") => "NodeDevice",
        _ => "Connect",
    };
    format!("{handle}::{call}")
}

/// The outcome of comparing the four answers.
#[derive(Default)]
struct Report {
    /// Calls compared (one key: a getter with its arguments).
    calls: usize,
    /// Values compared within them, flag and enum names included.
    values: usize,
    /// Calls of the blocking API compared.
    blocking_calls: usize,
    /// The getters compared.
    getters: BTreeSet<String>,
    /// Getters the test driver does not implement (VIR_ERR_NO_SUPPORT on
    /// both sides).
    unsupported: BTreeSet<String>,
    /// Calls with a flag this Python module does not know.
    skipped: Vec<String>,
    /// Differences: a key (or `flags/...`, `enum/...`, `extra/...`) and
    /// what differs.
    differences: Vec<(String, String)>,
}

/// `VIR_ERR_NO_SUPPORT`.
const NO_SUPPORT: i64 = 3;

fn compare(
    theirs: &BTreeMap<String, Value>,
    before: &Answers,
    blocking: &Answers,
    after: &Answers,
) -> Report {
    let mut r = Report::default();
    let special = |k: &str| k == "constants" || k.starts_with("flags/");
    let keys: BTreeSet<&String> = theirs
        .keys()
        .chain(before.out.keys())
        .filter(|k| !special(k))
        .collect();
    for key in keys {
        let (t, b) = (theirs.get(key), before.out.get(key));
        let (Some(t), Some(b)) = (t, b) else {
            let python_lacks = before.flagged.get(key).is_some_and(|members| {
                members.iter().any(|(family, name)| {
                    theirs
                        .get(&format!("flags/{family}"))
                        .is_some_and(|f| f.get(name).is_none())
                })
            });
            if t.is_none() && python_lacks {
                r.skipped.push(key.clone());
            } else {
                r.differences.push((key.clone(), difference(t, b)));
            }
            continue;
        };
        let (k, a) = (blocking.out.get(key), after.out.get(key));
        r.calls += 1;
        r.values += leaves(t);
        r.getters.insert(getter(key));
        if t.pointer("/error/code").and_then(Value::as_i64) == Some(NO_SUPPORT) {
            r.unsupported.insert(getter(key));
        }
        let a = a.unwrap_or(&Value::Null);
        if moving(key) {
            if !between(b, t, a) {
                r.differences.push((
                    key.clone(),
                    format!(
                        " (moves with the clock: the C library's answer must lie between \
                         ours)\n    \
                         typed API before: {}\n    C library:        {}\n    typed API after:  {}",
                        shown(Some(b)),
                        shown(Some(t)),
                        shown(Some(a))
                    ),
                ));
            }
        } else if b != a {
            r.differences.push((
                key.clone(),
                format!(
                    " (the typed API answered twice differently)\n    before: {}\n    after:  {}",
                    shown(Some(b)),
                    shown(Some(a))
                ),
            ));
        } else if t != b {
            r.differences
                .push((key.clone(), difference(Some(t), Some(b))));
        }
        r.blocking_calls += 1;
        let blocking_agrees = match k {
            Some(k) if moving(key) => between(b, k, a),
            Some(k) => k == b,
            None => false,
        };
        if !blocking_agrees {
            r.differences.push((
                format!("blocking/{key}"),
                format!(
                    " (the blocking API answered otherwise than the async one)\n    \
                     async:    {}\n    blocking: {}",
                    shown(Some(b)),
                    shown(k)
                ),
            ));
        }
    }

    // Every flag of the C library's families is the typed API's, with
    // the same value.
    for (family, members) in theirs.iter().filter(|(k, _)| k.starts_with("flags/")) {
        let ours = before.out.get(family);
        for (name, value) in members.as_object().into_iter().flatten() {
            r.values += 1;
            let our = ours.and_then(|o| o.get(name));
            if our != Some(value) {
                r.differences.push((
                    format!("{family}/{name}"),
                    format!(
                        ": the C library's value is {value}, the typed API's {}",
                        shown(our)
                    ),
                ));
            }
        }
    }

    // The names our enums gave the values the daemon returned are the C
    // constants of those values.
    for answers in [before, blocking] {
        for (name, value) in &answers.enums {
            r.values += 1;
            let c = theirs.get("constants").and_then(|c| c.get(name));
            if c.and_then(Value::as_i64) != Some(*value) {
                r.differences.push((
                    format!("enum/{name}"),
                    format!(
                        ": the typed API names the value {value} {name}; the C library's \
                         {name} is {}",
                        shown(c)
                    ),
                ));
            }
        }
        for m in &answers.misplaced {
            let key = m.split(':').next().unwrap_or(m);
            r.differences
                .push((format!("extra/{key}"), format!(": {m}")));
        }
    }
    r.differences.sort();
    r.differences.dedup();
    r
}

/// Compares the answers on `uri` and prints the count; fails on any
/// difference that `KNOWN_GAPS` does not explain, and on a known gap that
/// is gone. Returns the report.
fn differential(uri: &str) -> Report {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let before = rt.block_on(collect_async(uri));
    let theirs = oracle(uri);
    let blocking = collect_blocking(uri);
    let after = rt.block_on(collect_async(uri));
    let report = compare(&theirs, &before, &blocking, &after);

    let gap = |key: &str| KNOWN_GAPS.iter().find(|(pattern, _)| key.contains(pattern));
    let (known, unexpected): (Vec<_>, Vec<_>) = report
        .differences
        .iter()
        .partition(|(key, _)| gap(key).is_some());
    for (pattern, why) in KNOWN_GAPS {
        let seen: Vec<_> = known
            .iter()
            .filter(|(key, _)| key.contains(pattern))
            .collect();
        println!("known gap {pattern:?} ({} calls): {why}", seen.len());
        if let Some((key, what)) = seen.first() {
            println!("  for example {key}{what}");
        }
    }
    println!(
        "typed differential on {uri}: {} calls of {} getters ({} also through the blocking API), \
         {} compared values",
        report.calls,
        report.getters.len(),
        report.blocking_calls,
        report.values,
    );
    println!(
        "  not implemented by the test driver (VIR_ERR_NO_SUPPORT on both sides): {}",
        report
            .unsupported
            .iter()
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    );
    if !report.skipped.is_empty() {
        println!(
            "  not compared, python3-libvirt lacks the flag: {}",
            report.skipped.join(", ")
        );
    }
    let gone: Vec<&str> = KNOWN_GAPS
        .iter()
        .filter(|(pattern, _)| !known.iter().any(|(key, _)| key.contains(pattern)))
        .map(|(pattern, _)| *pattern)
        .collect();
    assert!(
        unexpected.is_empty() && gone.is_empty(),
        "{} differences from the C library{}{}",
        unexpected.len(),
        unexpected
            .iter()
            .map(|(key, what)| format!("\n  {key}{what}"))
            .collect::<String>(),
        if gone.is_empty() {
            String::new()
        } else {
            format!("\nknown gaps no longer seen (remove them from KNOWN_GAPS): {gone:?}")
        },
    );
    report
}

/// The check of `extra` itself: a parameter the struct documents with
/// another type is reported, one it does not know is not.
#[test]
fn a_documented_parameter_in_extra_is_reported() {
    let mut a = Answers::default();
    let p: TypedParams = [
        ("total_bytes_sec", TypedValue::UInt(5)),
        ("no_such_parameter", TypedValue::Int(1)),
    ]
    .into_iter()
    .collect();
    let tune = api::BlockIoTune::from_params(p).unwrap();
    a.params("probe", Ok(tune), |s| &s.extra);
    assert_eq!(a.misplaced.len(), 1, "{:?}", a.misplaced);
    assert!(
        a.misplaced[0].contains("\"total_bytes_sec\" arrived as uint but is documented as ullong"),
        "{}",
        a.misplaced[0]
    );
    assert_eq!(a.out["probe"]["no_such_parameter"], json!(1));
}

/// The private node on the daemon's socket `socket`.
fn node_uri(file: &live::TempFile, socket: &str) -> String {
    format!("test+unix://{}?socket={socket}", file.path())
}

#[test]
fn every_typed_getter_answers_as_the_c_library() {
    let file = live::TempFile::new("api-node", NODE_XML);
    let report = differential(&node_uri(&file, &live::var("LIBVIRT_TEST_SOCK")));
    assert!(
        report.getters.len() >= 150,
        "only {} getters",
        report.getters.len()
    );
    assert!(report.calls >= 1000, "only {} calls", report.calls);
}

#[test]
fn every_typed_getter_fails_as_the_c_library_on_a_read_only_connection() {
    let file = live::TempFile::new("api-node-ro", NODE_XML);
    let report = differential(&node_uri(&file, &live::var("LIBVIRT_TEST_SOCK_RO")));
    assert!(report.calls >= 1000, "only {} calls", report.calls);
}
