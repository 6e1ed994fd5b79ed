#!/usr/bin/python3
"""The C library's answers, for the differential tests (tests/live_differential.rs).

usage: oracle.py URI [--stable-only]

Opens URI with python3-libvirt (the C client library), makes a fixed set of
read-only calls and prints one JSON object: call key -> result, or
{"error": {...every field of the virError...}} when the call failed.
live_differential.rs makes the same calls with the Rust client under the
same keys and compares them field by field.

--stable-only leaves out what other tests may change while this runs on a
shared test:///default: the domain, network and storage pool lists and
counts. Objects are then the test driver's built-in ones.

Values follow the Python bindings: conn.getInfo() reports memory in MiB,
typed parameters become dicts, booleans stay booleans. CPU times, which
move, are left out.
"""

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


def main():
    uri = sys.argv[1]
    stable_only = "--stable-only" in sys.argv[2:]
    libvirt.registerErrorHandler(lambda ctx, err: None, None)
    conn = libvirt.open(uri)
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
