//! Typed parameters: read a domain's memory tuning and scheduler
//! parameters as structs, print every parameter, and change one.
//!
//! ```text
//! cargo run -p libvirt-client --example typed_params -- 'test+unix:///default?socket=/run/libvirt/libvirt-sock' test
//! ```
//!
//! The C library's exchange (ask how many parameters there are, then
//! fetch them, with `VIR_TYPED_PARAM_STRING_OKAY` added) happens inside
//! each getter.

use libvirt_client::api::{
    Connect, Domain, DomainModificationImpact, MemoryParams, TypedParamsStruct,
};

#[tokio::main(flavor = "current_thread")]
async fn main() -> libvirt_client::Result<()> {
    let mut args = std::env::args().skip(1);
    let uri = args.next().unwrap_or_else(|| "test:///default".into());
    let name = args.next().unwrap_or_else(|| "test".into());
    let conn = Connect::open(&uri).await?;
    let dom = Domain::lookup_by_name(&conn, &name).await?;

    // A struct with one Option per documented parameter...
    let mem = dom
        .get_memory_parameters(DomainModificationImpact::CURRENT)
        .await?;
    println!("hard limit: {:?} KiB", mem.hard_limit);
    println!("soft limit: {:?} KiB", mem.soft_limit);
    // ... and every parameter as libvirt sent it, in order.
    println!("{}", mem.to_params());

    let sched = dom.get_scheduler_parameters().await?;
    println!("scheduler: {}", dom.get_scheduler_type().await?.r#type);
    for (field, value) in sched.to_params().iter() {
        println!("  {field:<20} {value}");
    }

    // Setting: fill the fields to change, leave the others None.
    let mut change = MemoryParams::default();
    change.soft_limit = Some(mem.soft_limit.unwrap_or(1 << 20));
    dom.set_memory_parameters(&change, DomainModificationImpact::LIVE)
        .await?;
    let after = dom
        .get_memory_parameters(DomainModificationImpact::CURRENT)
        .await?;
    println!("soft limit now: {:?} KiB", after.soft_limit);
    conn.close().await
}
