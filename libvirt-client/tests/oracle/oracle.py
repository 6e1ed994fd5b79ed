#!/usr/bin/python3
"""The C library's answers, for the differential tests
(tests/live_differential.rs and tests/live_differential_api.rs).

usage: oracle.py URI [--stable-only | --api]

Opens URI with python3-libvirt (the C client library), makes a fixed set of
read-only calls and prints one JSON object: call key -> result, or
{"error": {...every field of the virError...}} when the call failed.
live_differential.rs makes the same calls with the Rust client under the
same keys and compares them field by field.

--api makes the calls of the typed API's differential test instead (see
api_answers below): every read-only getter, each flag of a call's flag
family (the family's constants as this libvirt module knows them), the
count-only form of the list calls (through ctypes: the bindings do not
offer it), and "constants": every integer VIR_* constant, for checking
the names of the typed API's enums and flags.

--stable-only leaves out what other tests may change while this runs on a
shared test:///default: the domain, network and storage pool lists and
counts. Objects are then the test driver's built-in ones.

Values follow the Python bindings: conn.getInfo() reports memory in MiB,
typed parameters become dicts, booleans stay booleans. CPU times, which
move, are left out.
"""

import ctypes
import json
import sys

import libvirt

MISSING = "lvrs-no-such-object"


def error_fields(e):
    return {
        "code": e.get_error_code(),
        "domain": e.get_error_domain(),
        "message": e.get_error_message(),
        "level": e.get_error_level(),
        "str1": e.get_str1(),
        "str2": e.get_str2(),
        "str3": e.get_str3(),
        "int1": e.get_int1(),
        "int2": e.get_int2(),
    }


def call(f):
    try:
        return f()
    except libvirt.libvirtError as e:
        return {"error": error_fields(e)}


def domain_calls(put, prefix, conn, dom):
    put(prefix + "info", lambda: dom.info()[:4])
    put(prefix + "state", lambda: dom.state(0))
    put(prefix + "XMLDesc", lambda: dom.XMLDesc(0))
    put(prefix + "maxMemory", dom.maxMemory)
    put(prefix + "maxVcpus", dom.maxVcpus)
    put(prefix + "vcpusFlags", lambda: dom.vcpusFlags(0))
    put(prefix + "autostart", dom.autostart)
    put(prefix + "schedulerType", lambda: list(dom.schedulerType()))
    put(prefix + "schedulerParameters", dom.schedulerParameters)
    put(prefix + "isActive", dom.isActive)
    put(prefix + "isPersistent", dom.isPersistent)
    put(prefix + "isUpdated", dom.isUpdated)
    put(prefix + "OSType", dom.OSType)
    put(prefix + "hasManagedSaveImage", lambda: dom.hasManagedSaveImage(0))
    put(prefix + "snapshotNum", lambda: dom.snapshotNum(0))
    put(prefix + "hostname", lambda: dom.hostname(0))
    put(prefix + "securityLabel", dom.securityLabel)
    put(prefix + "memoryParameters", lambda: dom.memoryParameters(0))
    put(prefix + "blkioParameters", lambda: dom.blkioParameters(0))
    put(prefix + "numaParameters", lambda: dom.numaParameters(0))
    put(prefix + "perfEvents", lambda: dom.perfEvents(0))
    put(prefix + "memoryStats", dom.memoryStats)
    put(prefix + "getTime", lambda: dom.getTime(0))
    put(prefix + "getCPUStats(total)", lambda: dom.getCPUStats(True, 0))
    put(prefix + "blockIoTune(vda)", lambda: dom.blockIoTune("vda", 0))
    put(prefix + "interfaceAddresses", lambda: dom.interfaceAddresses(0, 0))
    put(prefix + "fsInfo", lambda: dom.fsInfo(0))
    put(prefix + "domainListGetStats(state)",
        lambda: [[d.name(), stats] for d, stats in conn.domainListGetStats([dom], 1, 0)])


def network_calls(put, prefix, net):
    put(prefix + "XMLDesc", lambda: net.XMLDesc(0))
    put(prefix + "isActive", net.isActive)
    put(prefix + "isPersistent", net.isPersistent)
    put(prefix + "autostart", net.autostart)
    put(prefix + "bridgeName", net.bridgeName)


def pool_calls(put, prefix, pool):
    put(prefix + "info", pool.info)
    put(prefix + "XMLDesc", lambda: pool.XMLDesc(0))
    put(prefix + "autostart", pool.autostart)
    put(prefix + "isActive", pool.isActive)
    put(prefix + "isPersistent", pool.isPersistent)
    put(prefix + "numOfVolumes", pool.numOfVolumes)
    vols = sorted(pool.listAllVolumes(0), key=lambda v: v.name())
    put(prefix + "listAllVolumes", lambda: [[v.name(), v.key(), v.path()] for v in vols])
    for vol in vols:
        vprefix = "volume/%s/%s/" % (pool.name(), vol.name())
        put(vprefix + "info", vol.info)
        put(vprefix + "XMLDesc", lambda: vol.XMLDesc(0))


# The typed API's differential test (--api): tests/live_differential_api.rs
# makes the same calls through libvirt_client::api under the same keys.
# Keys: "METHOD(ARGS)" for the connection, "KIND/NAME/METHOD(ARGS)" for an
# object; a flag or enum argument is written as its constant's name
# without the family prefix ("0" for no flag).

# Flag and enum families: name in the keys -> prefix of the constants.
FAMILIES = {
    "list_domains": "VIR_CONNECT_LIST_DOMAINS_",
    "list_networks": "VIR_CONNECT_LIST_NETWORKS_",
    "list_pools": "VIR_CONNECT_LIST_STORAGE_POOLS_",
    "list_interfaces": "VIR_CONNECT_LIST_INTERFACES_",
    "list_devices": "VIR_CONNECT_LIST_NODE_DEVICES_",
    "list_secrets": "VIR_CONNECT_LIST_SECRETS_",
    "stats": "VIR_DOMAIN_STATS_",
    "stats_flags": "VIR_CONNECT_GET_ALL_DOMAINS_STATS_",
    "domain_xml": "VIR_DOMAIN_XML_",
    "vcpu": "VIR_DOMAIN_VCPU_",
    "impact": "VIR_DOMAIN_AFFECT_",
    "hostname": "VIR_DOMAIN_GET_HOSTNAME_",
    "snapshot_list": "VIR_DOMAIN_SNAPSHOT_LIST_",
    "network_xml": "VIR_NETWORK_XML_",
    "storage_xml": "VIR_STORAGE_XML_",
    "interface_xml": "VIR_INTERFACE_XML_",
    "metadata": "VIR_DOMAIN_METADATA_",
    "addresses": "VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_",
}

# The <metadata> namespace of the test node's domain.
METADATA_URI = "http://example.org/app/1.0"


def family(name):
    prefix = FAMILIES[name]
    return {n[len(prefix):]: getattr(libvirt, n) for n in dir(libvirt)
            if n.startswith(prefix) and not n.endswith("_LAST")
            and isinstance(getattr(libvirt, n), int)}


def last_error():
    """The failed call's error, for the bindings that return None instead
    of raising (migrateGetMaxDowntime, guestVcpus, ...)."""
    err = libvirt.virGetLastError()
    if err is None:
        return None
    keys = ["code", "domain", "message", "level", "str1", "str2", "str3", "int1", "int2"]
    return {"error": dict(zip(keys, err))}


def none_is_error(f):
    def g():
        libvirt.virResetLastError()
        r = f()
        if r is None:
            return last_error()
        return r
    return g


def api_call(f):
    try:
        return f()
    except libvirt.libvirtError as e:
        return {"error": error_fields(e)}
    except Exception as e:  # a binding that cannot make the call at all
        return {"python exception": "%s: %s" % (type(e).__name__, e)}


# The C library itself, for the calls the bindings do not offer: the
# count-only form of the list calls (a NULL list).
LIB = ctypes.CDLL("libvirt.so.0")
_capsule = ctypes.pythonapi.PyCapsule_GetPointer
_capsule.restype = ctypes.c_void_p
_capsule.argtypes = [ctypes.py_object, ctypes.c_char_p]


def c_count(func, obj, flags, *strings):
    """FUNC(obj, *strings, NULL, flags): the number of objects the C
    function counts when given no list, or its error."""
    ptr = _capsule(obj._o, (type(obj).__name__ + "Ptr").encode())
    f = getattr(LIB, func)
    f.restype = ctypes.c_int
    f.argtypes = [ctypes.c_void_p] + [ctypes.c_char_p] * len(strings) + [
        ctypes.c_void_p, ctypes.c_uint]
    libvirt.virResetLastError()
    n = f(ptr, *[x.encode() if x is not None else None for x in strings], None, flags)
    return n if n >= 0 else last_error()


def names(objs):
    return sorted(o.getName() if hasattr(o, "getName") else o.name() for o in objs)


def domain_ids(doms):
    return sorted([d.name(), d.UUIDString(), d.ID()] for d in doms)


def api_answers(conn):
    out = {"constants": {n: getattr(libvirt, n) for n in dir(libvirt)
                         if n.startswith("VIR_") and isinstance(getattr(libvirt, n), int)}}
    for fam in FAMILIES:
        out["flags/" + fam] = family(fam)

    def put(key, f):
        out[key] = api_call(f)

    def each(fam):
        return [("0", 0)] + sorted(family(fam).items())

    # The connection and the host.
    put("get_capabilities", conn.getCapabilities)
    put("get_hostname", conn.getHostname)
    put("get_lib_version", conn.getLibVersion)
    put("get_version", conn.getVersion)
    put("get_type", conn.getType)
    put("get_uri", conn.getURI)
    put("get_sysinfo(0)", lambda: conn.getSysinfo(0))
    put("get_max_vcpus(None)", lambda: conn.getMaxVcpus(None))
    put("get_max_vcpus(test)", lambda: conn.getMaxVcpus("test"))
    put("is_secure", conn.isSecure)
    put("is_encrypted", conn.isEncrypted)
    put("is_alive", conn.isAlive)
    put("node_get_info", conn.getInfo)
    info = conn.getInfo()
    cpus, cells = info[2], info[4]
    put("node_get_cells_free_memory(0,%d)" % cells, lambda: conn.getCellsFreeMemory(0, cells))
    put("node_get_cells_free_memory(1,1)", lambda: conn.getCellsFreeMemory(1, 1))
    put("node_get_free_memory", conn.getFreeMemory)
    for cpu in [-1, 0, cpus - 1, cpus + 100]:
        put("node_get_cpu_stats(%d)" % cpu, lambda: conn.getCPUStats(cpu, 0))
    for cell in [-1, 0]:
        put("node_get_memory_stats(%d)" % cell, lambda: conn.getMemoryStats(cell, 0))
    put("node_get_security_model", conn.getSecurityModel)
    put("node_get_cpu_map", lambda: conn.getCPUMap(0))
    put("node_get_memory_parameters", lambda: conn.getMemoryParameters(0))
    put("node_get_sev_info", lambda: conn.getSEVInfo(0))
    put("node_get_free_pages", lambda: conn.getFreePages([4, 2048], 0, cells, 0))
    put("get_cpu_model_names(x86_64)", lambda: conn.getCPUModelNames("x86_64", 0))
    put("get_domain_capabilities", lambda: conn.getDomainCapabilities(None, None, None, None, 0))
    put("get_storage_pool_capabilities", lambda: conn.getStoragePoolCapabilities(0))
    for kind in ["logical", "netfs", "dir"]:
        put("find_storage_pool_sources(%s)" % kind,
            lambda: conn.findStoragePoolSources(kind, None, 0))

    # Counts and lists (as sets: sorted).
    for key, f in [
        ("num_of_domains", conn.numOfDomains),
        ("num_of_defined_domains", conn.numOfDefinedDomains),
        ("num_of_networks", conn.numOfNetworks),
        ("num_of_defined_networks", conn.numOfDefinedNetworks),
        ("num_of_storage_pools", conn.numOfStoragePools),
        ("num_of_defined_storage_pools", conn.numOfDefinedStoragePools),
        ("num_of_interfaces", conn.numOfInterfaces),
        ("num_of_defined_interfaces", conn.numOfDefinedInterfaces),
        ("num_of_secrets", conn.numOfSecrets),
        ("num_of_nwfilters", conn.numOfNWFilters),
        ("node_num_of_devices(None)", lambda: conn.numOfDevices(None, 0)),
        ("node_num_of_devices(scsi_host)", lambda: conn.numOfDevices("scsi_host", 0)),
        ("list_domains", lambda: sorted(conn.listDomainsID())),
        ("list_defined_domains", lambda: sorted(conn.listDefinedDomains())),
        ("list_networks", lambda: sorted(conn.listNetworks())),
        ("list_defined_networks", lambda: sorted(conn.listDefinedNetworks())),
        ("list_storage_pools", lambda: sorted(conn.listStoragePools())),
        ("list_defined_storage_pools", lambda: sorted(conn.listDefinedStoragePools())),
        ("list_interfaces", lambda: sorted(conn.listInterfaces())),
        ("list_defined_interfaces", lambda: sorted(conn.listDefinedInterfaces())),
        ("list_secrets", lambda: sorted(conn.listSecrets())),
        ("list_nwfilters", lambda: sorted(conn.listNWFilters())),
        ("node_list_devices(None)", lambda: sorted(conn.listDevices(None, 0))),
        ("node_list_devices(scsi_host)", lambda: sorted(conn.listDevices("scsi_host", 0))),
        ("list_all_nwfilters",
         lambda: sorted([f.name(), f.UUIDString()] for f in conn.listAllNWFilters(0))),
        ("list_all_nwfilter_bindings",
         lambda: sorted([b.portDev(), b.filterName()] for b in conn.listAllNWFilterBindings(0))),
    ]:
        put(key, f)
    # The count-only forms, which the typed API's _count twins make.
    put("list_all_nwfilters_count", lambda: c_count("virConnectListAllNWFilters", conn, 0))
    put("list_all_nwfilter_bindings_count",
        lambda: c_count("virConnectListAllNWFilterBindings", conn, 0))
    put("get_cpu_model_names_count(x86_64)",
        lambda: c_count("virConnectGetCPUModelNames", conn, 0, "x86_64"))
    for name, flag in each("list_domains"):
        put("list_all_domains(%s)" % name, lambda: domain_ids(conn.listAllDomains(flag)))
        put("list_all_domains_count(%s)" % name,
            lambda: c_count("virConnectListAllDomains", conn, flag))
    for name, flag in each("list_networks"):
        put("list_all_networks(%s)" % name,
            lambda: sorted([n.name(), n.UUIDString()] for n in conn.listAllNetworks(flag)))
        put("list_all_networks_count(%s)" % name,
            lambda: c_count("virConnectListAllNetworks", conn, flag))
    for name, flag in each("list_pools"):
        put("list_all_storage_pools(%s)" % name,
            lambda: sorted([p.name(), p.UUIDString()] for p in conn.listAllStoragePools(flag)))
        put("list_all_storage_pools_count(%s)" % name,
            lambda: c_count("virConnectListAllStoragePools", conn, flag))
    for name, flag in each("list_interfaces"):
        put("list_all_interfaces(%s)" % name,
            lambda: sorted([i.name(), i.MACString()] for i in conn.listAllInterfaces(flag)))
        put("list_all_interfaces_count(%s)" % name,
            lambda: c_count("virConnectListAllInterfaces", conn, flag))
    for name, flag in each("list_devices"):
        put("list_all_node_devices(%s)" % name, lambda: names(conn.listAllDevices(flag)))
        put("list_all_node_devices_count(%s)" % name,
            lambda: c_count("virConnectListAllNodeDevices", conn, flag))
    for name, flag in each("list_secrets"):
        put("list_all_secrets(%s)" % name,
            lambda: sorted(s.UUIDString() for s in conn.listAllSecrets(flag)))
        put("list_all_secrets_count(%s)" % name,
            lambda: c_count("virConnectListAllSecrets", conn, flag))

    # Bulk domain statistics: each group alone, then each filter.
    for name, stats in each("stats"):
        put("get_all_domain_stats(%s,0)" % name,
            lambda: {d.name(): s for d, s in conn.getAllDomainStats(stats, 0)})
    for name, flag in each("stats_flags")[1:]:
        put("get_all_domain_stats(0,%s)" % name,
            lambda: {d.name(): s for d, s in conn.getAllDomainStats(0, flag)})
    doms = sorted(conn.listAllDomains(0), key=lambda d: d.name())
    for name, stats in each("stats"):
        put("list_get_stats(%s)" % name,
            lambda: {d.name(): s for d, s in conn.domainListGetStats(doms, stats, 0)})

    for dom in doms:
        api_domain(put, each, conn, dom, cpus)
    for net in sorted(conn.listAllNetworks(0), key=lambda n: n.name()):
        api_network(put, each, conn, net)
    for pool in sorted(conn.listAllStoragePools(0), key=lambda p: p.name()):
        api_pool(put, each, conn, pool)
    for iface in sorted(conn.listAllInterfaces(0), key=lambda i: i.name()):
        p = "interface/%s/" % iface.name()
        for name, flag in each("interface_xml"):
            put(p + "get_xml_desc(%s)" % name, lambda: iface.XMLDesc(flag))
        put(p + "is_active", iface.isActive)
        put(p + "lookup_by_name", lambda: [conn.interfaceLookupByName(iface.name()).name(),
                                            iface.MACString()])
        put(p + "lookup_by_mac_string",
            lambda: conn.interfaceLookupByMACString(iface.MACString()).name())
    for dev in sorted(conn.listAllDevices(0), key=lambda d: d.name()):
        p = "device/%s/" % dev.name()
        put(p + "get_xml_desc", lambda: dev.XMLDesc(0))
        put(p + "get_parent", dev.parent)
        put(p + "num_of_caps", dev.numOfCaps)
        put(p + "list_caps", dev.listCaps)
        put(p + "is_active", dev.isActive)
        put(p + "is_persistent", dev.isPersistent)
        put(p + "get_autostart", dev.autostart)
        put(p + "lookup_by_name", lambda: conn.nodeDeviceLookupByName(dev.name()).name())
    wwnn, wwpn = "2000000012341234", "1000000012341234"
    put("node_device_lookup_scsi_host_by_wwn",
        lambda: conn.nodeDeviceLookupSCSIHostByWWN(wwnn, wwpn, 0).name())
    put("node_device_lookup_by_name(missing)", lambda: conn.nodeDeviceLookupByName(MISSING).name())

    # Lookups of what the test driver has no driver for (secrets, filters).
    uuid = "88888888-2222-3333-4444-000000000001"
    put("secret_lookup_by_uuid_string", lambda: conn.secretLookupByUUIDString(uuid).UUIDString())
    put("secret_lookup_by_usage(VOLUME)",
        lambda: conn.secretLookupByUsage(libvirt.VIR_SECRET_USAGE_TYPE_VOLUME, "/x").UUIDString())
    put("nwfilter_lookup_by_name", lambda: conn.nwfilterLookupByName(MISSING).name())
    put("nwfilter_lookup_by_uuid_string", lambda: conn.nwfilterLookupByUUIDString(uuid).name())
    put("nwfilter_binding_lookup_by_port_dev",
        lambda: conn.nwfilterBindingLookupByPortDev("vnet0").portDev())
    put("domain_lookup_by_name(missing)", lambda: conn.lookupByName(MISSING).name())
    put("network_lookup_by_uuid_string(missing)",
        lambda: conn.networkLookupByUUIDString(uuid).name())
    put("storage_pool_lookup_by_target_path(missing)",
        lambda: conn.storagePoolLookupByTargetPath("/" + MISSING).name())
    put("storage_vol_lookup_by_key(missing)", lambda: conn.storageVolLookupByKey(MISSING).name())
    return out


def api_domain(put, each, conn, dom, cpus):
    p = "domain/%s/" % dom.name()
    put(p + "get_info", lambda: dom.info()[:4])
    put(p + "get_info.cpu_time", lambda: dom.info()[4])
    put(p + "get_state", lambda: dom.state(0))
    for name, flag in each("domain_xml"):
        put(p + "get_xml_desc(%s)" % name, lambda: dom.XMLDesc(flag))
    put(p + "get_os_type", dom.OSType)
    put(p + "get_max_memory", dom.maxMemory)
    put(p + "get_max_vcpus", dom.maxVcpus)
    for name, flag in each("vcpu"):
        put(p + "get_vcpus_flags(%s)" % name, lambda: dom.vcpusFlags(flag))
    put(p + "get_vcpus_flags(CONFIG|MAXIMUM)",
        lambda: dom.vcpusFlags(libvirt.VIR_DOMAIN_VCPU_CONFIG | libvirt.VIR_DOMAIN_VCPU_MAXIMUM))
    put(p + "get_autostart", dom.autostart)
    put(p + "is_active", dom.isActive)
    put(p + "is_persistent", dom.isPersistent)
    put(p + "is_updated", dom.isUpdated)
    put(p + "has_managed_save_image", lambda: dom.hasManagedSaveImage(0))
    put(p + "has_current_snapshot", lambda: dom.hasCurrentSnapshot(0))
    put(p + "get_scheduler_type", dom.schedulerType)
    put(p + "get_scheduler_parameters", dom.schedulerParameters)
    for name, flag in each("impact"):
        put(p + "get_scheduler_parameters_flags(%s)" % name,
            lambda: dom.schedulerParametersFlags(flag))
        put(p + "get_memory_parameters(%s)" % name, lambda: dom.memoryParameters(flag))
        put(p + "get_numa_parameters(%s)" % name, lambda: dom.numaParameters(flag))
        put(p + "get_blkio_parameters(%s)" % name, lambda: dom.blkioParameters(flag))
        put(p + "get_perf_events(%s)" % name, lambda: dom.perfEvents(flag))
        for disk in ["vda", "vdb"]:
            put(p + "get_block_io_tune(%s,%s)" % (disk, name),
                lambda: dom.blockIoTune(disk, flag))
        for dev in ["testnet0", "52:54:00:00:00:01"]:
            put(p + "get_interface_parameters(%s,%s)" % (dev, name),
                lambda: dom.interfaceParameters(dev, flag))
        put(p + "get_vcpu_pin_info(%s)" % name, lambda: dom.vcpuPinInfo(flag))
        put(p + "get_emulator_pin_info(%s)" % name, lambda: dom.emulatorPinInfo(flag))
        put(p + "get_iothread_info(%s)" % name, lambda: dom.ioThreadInfo(flag))
        for mname, mtype in each("metadata")[1:]:
            uri = METADATA_URI if mname == "ELEMENT" else None
            put(p + "get_metadata(%s,%s)" % (mname, name), lambda: dom.metadata(mtype, uri, flag))
    put(p + "get_metadata(ELEMENT,missing)",
        lambda: dom.metadata(libvirt.VIR_DOMAIN_METADATA_ELEMENT, "http://example.org/none", 0))
    for disk in ["vda", "vdb", MISSING]:
        put(p + "block_stats(%s)" % disk, lambda: dom.blockStats(disk))
        put(p + "block_stats_flags(%s)" % disk, lambda: dom.blockStatsFlags(disk, 0))
        put(p + "get_block_info(%s)" % disk, lambda: dom.blockInfo(disk, 0))
        put(p + "get_block_job_info(%s)" % disk, lambda: dom.blockJobInfo(disk, 0))
    put(p + "interface_stats(testnet0)", lambda: dom.interfaceStats("testnet0"))
    put(p + "interface_stats(52:54:00:00:00:01)", lambda: dom.interfaceStats("52:54:00:00:00:01"))
    put(p + "memory_stats", dom.memoryStats)
    vcpus = api_call(dom.vcpus)
    if isinstance(vcpus, dict):
        put(p + "get_vcpus", lambda: vcpus)
        put(p + "get_vcpus.cpu_time", lambda: vcpus)
    else:
        put(p + "get_vcpus", lambda: [[[n, s, c] for n, s, _, c in vcpus[0]], vcpus[1]])
        put(p + "get_vcpus.cpu_time", lambda: [t for _, _, t, _ in vcpus[0]])
    put(p + "get_cpu_stats(total)", lambda: dom.getCPUStats(True, 0))
    put(p + "get_cpu_stats(per_cpu)", lambda: dom.getCPUStats(False, 0))
    put(p + "get_job_info", dom.jobInfo)
    put(p + "get_job_stats", lambda: dom.jobStats(0))
    put(p + "get_time", lambda: dom.getTime(0))
    for name, flag in each("hostname"):
        put(p + "get_hostname(%s)" % name, lambda: dom.hostname(flag))
    put(p + "get_launch_security_info", lambda: dom.launchSecurityInfo(0))
    put(p + "get_guest_info", lambda: dom.guestInfo(0, 0))
    put(p + "get_guest_vcpus", none_is_error(lambda: dom.guestVcpus(0)))
    put(p + "get_control_info", lambda: dom.controlInfo(0))
    put(p + "get_disk_errors", lambda: dom.diskErrors(0))
    put(p + "get_fsinfo", lambda: dom.fsInfo(0))
    for name, src in each("addresses")[1:]:
        put(p + "interface_addresses(%s)" % name, lambda: dom.interfaceAddresses(src, 0))
    put(p + "get_security_label", dom.securityLabel)
    put(p + "get_security_label_list", dom.securityLabelList)
    put(p + "migrate_get_max_downtime", none_is_error(lambda: dom.migrateGetMaxDowntime(0)))
    put(p + "migrate_get_compression_cache",
        none_is_error(lambda: dom.migrateGetCompressionCache(0)))
    put(p + "migrate_get_max_speed", lambda: dom.migrateGetMaxSpeed(0))
    put(p + "managed_save_get_xml_desc", lambda: dom.managedSaveGetXMLDesc(0))
    put(p + "authorized_ssh_keys_get(root)", lambda: dom.authorizedSSHKeysGet("root", 0))
    put(p + "list_all_checkpoints", lambda: names(dom.listAllCheckpoints(0)))
    put(p + "list_all_checkpoints_count", lambda: c_count("virDomainListAllCheckpoints", dom, 0))
    put(p + "lookup_by_name", lambda: [conn.lookupByName(dom.name()).name(), dom.UUIDString()])
    put(p + "lookup_by_uuid", lambda: conn.lookupByUUID(dom.UUID()).name())
    put(p + "lookup_by_uuid_string", lambda: conn.lookupByUUIDString(dom.UUIDString()).name())
    put(p + "lookup_by_id", lambda: conn.lookupByID(dom.ID()).name())
    for name, flag in each("snapshot_list"):
        put(p + "list_all_snapshots(%s)" % name, lambda: names(dom.listAllSnapshots(flag)))
        put(p + "list_all_snapshots_count(%s)" % name,
            lambda: c_count("virDomainListAllSnapshots", dom, flag))
        put(p + "snapshot_num(%s)" % name, lambda: dom.snapshotNum(flag))
        put(p + "snapshot_list_names(%s)" % name, lambda: sorted(dom.snapshotListNames(flag)))
    put(p + "snapshot_current", lambda: dom.snapshotCurrent(0).getName())
    put(p + "snapshot_lookup_by_name(missing)",
        lambda: dom.snapshotLookupByName(MISSING, 0).getName())
    for snap in sorted(dom.listAllSnapshots(0), key=lambda s: s.getName()):
        s = "snapshot/%s/%s/" % (dom.name(), snap.getName())
        put(s + "get_xml_desc", lambda: snap.getXMLDesc(0))
        put(s + "get_parent", lambda: snap.getParent(0).getName())
        put(s + "is_current", lambda: snap.isCurrent(0))
        put(s + "has_metadata", lambda: snap.hasMetadata(0))
        put(s + "num_children", lambda: snap.numChildren(0))
        put(s + "list_all_children", lambda: names(snap.listAllChildren(0)))
        put(s + "list_all_children_count",
            lambda: c_count("virDomainSnapshotListAllChildren", snap, 0))
        put(s + "list_children_names", lambda: sorted(snap.listChildrenNames(0)))
        put(s + "lookup_by_name", lambda: dom.snapshotLookupByName(snap.getName(), 0).getName())


def api_network(put, each, conn, net):
    p = "network/%s/" % net.name()
    for name, flag in each("network_xml"):
        put(p + "get_xml_desc(%s)" % name, lambda: net.XMLDesc(flag))
    put(p + "is_active", net.isActive)
    put(p + "is_persistent", net.isPersistent)
    put(p + "get_autostart", net.autostart)
    put(p + "get_bridge_name", net.bridgeName)
    put(p + "get_dhcp_leases", lambda: net.DHCPLeases(None, 0))
    put(p + "get_dhcp_leases_count", lambda: c_count("virNetworkGetDHCPLeases", net, 0, None))
    put(p + "list_all_ports", lambda: [port.UUIDString() for port in net.listAllPorts(0)])
    put(p + "list_all_ports_count", lambda: c_count("virNetworkListAllPorts", net, 0))
    put(p + "lookup_by_name",
        lambda: [conn.networkLookupByName(net.name()).name(), net.UUIDString()])
    put(p + "lookup_by_uuid", lambda: conn.networkLookupByUUID(net.UUID()).name())
    put(p + "lookup_by_uuid_string",
        lambda: conn.networkLookupByUUIDString(net.UUIDString()).name())


def api_pool(put, each, conn, pool):
    p = "pool/%s/" % pool.name()
    put(p + "get_info", pool.info)
    for name, flag in each("storage_xml"):
        put(p + "get_xml_desc(%s)" % name, lambda: pool.XMLDesc(flag))
    put(p + "get_autostart", pool.autostart)
    put(p + "is_active", pool.isActive)
    put(p + "is_persistent", pool.isPersistent)
    put(p + "num_of_volumes", pool.numOfVolumes)
    put(p + "list_volumes", lambda: sorted(pool.listVolumes()))
    vols = sorted(pool.listAllVolumes(0), key=lambda v: v.name())
    put(p + "list_all_volumes", lambda: [[v.name(), v.key(), v.path()] for v in vols])
    put(p + "list_all_volumes_count", lambda: c_count("virStoragePoolListAllVolumes", pool, 0))
    put(p + "lookup_by_name",
        lambda: [conn.storagePoolLookupByName(pool.name()).name(), pool.UUIDString()])
    put(p + "lookup_by_uuid", lambda: conn.storagePoolLookupByUUID(pool.UUID()).name())
    put(p + "lookup_by_uuid_string",
        lambda: conn.storagePoolLookupByUUIDString(pool.UUIDString()).name())
    put(p + "lookup_by_target_path",
        lambda: conn.storagePoolLookupByTargetPath("/" + pool.name()).name())
    for vol in vols:
        v = "volume/%s/%s/" % (pool.name(), vol.name())
        put(v + "get_info", vol.info)
        put(v + "get_info_flags", lambda: vol.infoFlags(0))
        put(v + "get_path", vol.path)
        put(v + "get_xml_desc", lambda: vol.XMLDesc(0))
        put(v + "lookup_by_name",
            lambda: [pool.storageVolLookupByName(vol.name()).name(), vol.key()])
        put(v + "lookup_by_key", lambda: conn.storageVolLookupByKey(vol.key()).name())
        put(v + "lookup_by_path", lambda: conn.storageVolLookupByPath(vol.path()).name())
        put(v + "storage_pool_lookup_by_volume", lambda: vol.storagePoolLookupByVolume().name())


def main():
    uri = sys.argv[1]
    stable_only = "--stable-only" in sys.argv[2:]
    libvirt.registerErrorHandler(lambda ctx, err: None, None)
    conn = libvirt.open(uri)
    if "--api" in sys.argv[2:]:
        out = api_answers(conn)
        conn.close()
        json.dump(out, sys.stdout, sort_keys=True, indent=1)
        sys.stdout.write("\n")
        return
    out = {}

    def put(key, f):
        out[key] = call(f)

    put("getLibVersion", conn.getLibVersion)
    put("getVersion", conn.getVersion)
    put("getHostname", conn.getHostname)
    put("getType", conn.getType)
    put("getCapabilities", conn.getCapabilities)
    put("getSysinfo", lambda: conn.getSysinfo(0))
    put("getInfo", conn.getInfo)
    put("getFreeMemory", conn.getFreeMemory)
    nodes = conn.getInfo()[4]
    put("getCellsFreeMemory", lambda: conn.getCellsFreeMemory(0, nodes))
    put("getMaxVcpus", lambda: conn.getMaxVcpus(None))
    put("isSecure", conn.isSecure)
    put("isAlive", conn.isAlive)
    put("getCPUModelNames", lambda: conn.getCPUModelNames("x86_64", 0))
    put("getCPUMap", lambda: list(conn.getCPUMap(0)))
    put("getCPUStats", lambda: conn.getCPUStats(-1, 0))
    put("getMemoryStats", lambda: conn.getMemoryStats(-1, 0))
    put("getSecurityModel", conn.getSecurityModel)
    put("getDomainCapabilities", lambda: conn.getDomainCapabilities())
    put("numOfInterfaces", conn.numOfInterfaces)
    put("numOfDefinedInterfaces", conn.numOfDefinedInterfaces)
    put("numOfDevices", lambda: conn.numOfDevices(None, 0))
    put("numOfSecrets", conn.numOfSecrets)
    put("listAllSecrets", lambda: [s.UUIDString() for s in conn.listAllSecrets(0)])
    put("numOfNWFilters", conn.numOfNWFilters)
    put("listAllNWFilters", lambda: [f.name() for f in conn.listAllNWFilters(0)])

    put("lookupByName(missing)", lambda: conn.lookupByName(MISSING))
    put("lookupByID(missing)", lambda: conn.lookupByID(999999))
    put("networkLookupByName(missing)", lambda: conn.networkLookupByName(MISSING))
    put("storagePoolLookupByName(missing)", lambda: conn.storagePoolLookupByName(MISSING))
    put("storageVolLookupByPath(missing)", lambda: conn.storageVolLookupByPath("/" + MISSING))
    put("interfaceLookupByName(missing)", lambda: conn.interfaceLookupByName(MISSING))
    put("nodeDeviceLookupByName(missing)", lambda: conn.nodeDeviceLookupByName(MISSING))

    ifaces = sorted(conn.listAllInterfaces(0), key=lambda i: i.name())
    put("listAllInterfaces", lambda: [[i.name(), i.MACString()] for i in ifaces])
    for iface in ifaces:
        prefix = "interface/%s/" % iface.name()
        put(prefix + "XMLDesc", lambda: iface.XMLDesc(0))
        put(prefix + "isActive", iface.isActive)
    devices = sorted(conn.listAllDevices(0), key=lambda d: d.name())
    put("listAllDevices", lambda: [d.name() for d in devices])
    for dev in devices:
        prefix = "device/%s/" % dev.name()
        put(prefix + "XMLDesc", lambda: dev.XMLDesc(0))
        put(prefix + "parent", dev.parent)
        put(prefix + "listCaps", dev.listCaps)

    if stable_only:
        doms = [conn.lookupByName("test")]
        nets = [conn.networkLookupByName("default")]
        pools = [conn.storagePoolLookupByName("default-pool")]
    else:
        doms = sorted(conn.listAllDomains(0), key=lambda d: d.name())
        nets = sorted(conn.listAllNetworks(0), key=lambda n: n.name())
        pools = sorted(conn.listAllStoragePools(0), key=lambda p: p.name())
        put("numOfDomains", conn.numOfDomains)
        put("numOfDefinedDomains", conn.numOfDefinedDomains)
        put("numOfNetworks", conn.numOfNetworks)
        put("numOfDefinedNetworks", conn.numOfDefinedNetworks)
        put("numOfStoragePools", conn.numOfStoragePools)
        put("numOfDefinedStoragePools", conn.numOfDefinedStoragePools)
        put("listAllDomains", lambda: [[d.name(), d.ID(), d.UUIDString()] for d in doms])
        put("listAllNetworks", lambda: [[n.name(), n.UUIDString()] for n in nets])
        put("listAllStoragePools", lambda: [[p.name(), p.UUIDString()] for p in pools])
    for dom in doms:
        domain_calls(put, "domain/%s/" % dom.name(), conn, dom)
    for net in nets:
        network_calls(put, "network/%s/" % net.name(), net)
    for pool in pools:
        pool_calls(put, "pool/%s/" % pool.name(), pool)

    conn.close()
    json.dump(out, sys.stdout, sort_keys=True, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
