//! Statistics of one domain that the C library gathers with more than one
//! RPC: job statistics with the job type, scheduler parameters (their
//! count comes from the scheduler type) and per-CPU statistics.

use crate::api::{
    Domain, DomainJobType, DomainModificationImpact, JobStats, Result, SchedulerParams,
    TypedParameterFlags, TypedParams, TypedParamsStruct,
};
use crate::proto::remote::RemoteCalls;

/// `VIR_TYPED_PARAM_STRING_OKAY`, which the C library adds to the flags of
/// typed-parameter getters so that the daemon may return strings.
const STRING_OKAY: u32 = TypedParameterFlags::STRING_OKAY.bits();

impl Domain {
    /// Statistics of the domain's current (or, with
    /// `VIR_DOMAIN_JOB_STATS_COMPLETED`, last completed) job, with the
    /// job's type.
    ///
    /// C function [`virDomainGetJobStats`](https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetJobStats).
    #[doc(alias = "virDomainGetJobStats")]
    pub async fn get_job_stats(
        &self,
        flags: crate::api::DomainGetJobStatsFlags,
    ) -> Result<(DomainJobType, JobStats)> {
        let r = self
            .connect()
            .client()
            .domain_get_job_stats(self.raw(), flags.bits())
            .await?;
        let params = TypedParams::from_wire(r.params)?;
        Ok((
            DomainJobType::from_raw(r.r#type),
            JobStats::from_params(params)?,
        ))
    }

    /// The scheduler parameters of a running domain. As the C library
    /// does, asks for the scheduler type first to learn how many there
    /// are.
    ///
    /// C function [`virDomainGetSchedulerParameters`](https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetSchedulerParameters).
    #[doc(alias = "virDomainGetSchedulerParameters")]
    pub async fn get_scheduler_parameters(&self) -> Result<SchedulerParams> {
        let client = self.connect().client();
        let n = client.domain_get_scheduler_type(self.raw()).await?.nparams;
        let wire = if n <= 0 {
            Vec::new()
        } else {
            client
                .domain_get_scheduler_parameters(self.raw(), n)
                .await?
        };
        Ok(SchedulerParams::from_params(TypedParams::from_wire(wire)?)?)
    }

    /// The scheduler parameters of the live or persistent configuration.
    /// Asks for the scheduler type first to learn how many there are, and
    /// adds `VIR_TYPED_PARAM_STRING_OKAY` as the C library does.
    ///
    /// C function [`virDomainGetSchedulerParametersFlags`](https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetSchedulerParametersFlags).
    #[doc(alias = "virDomainGetSchedulerParametersFlags")]
    pub async fn get_scheduler_parameters_flags(
        &self,
        flags: DomainModificationImpact,
    ) -> Result<SchedulerParams> {
        let client = self.connect().client();
        let n = client.domain_get_scheduler_type(self.raw()).await?.nparams;
        let wire = if n <= 0 {
            Vec::new()
        } else {
            client
                .domain_get_scheduler_parameters_flags(self.raw(), n, flags.bits() | STRING_OKAY)
                .await?
        };
        Ok(SchedulerParams::from_params(TypedParams::from_wire(wire)?)?)
    }

    /// CPU statistics of the domain: with `start_cpu` = -1 and `ncpus` =
    /// 1 one list for the whole domain (`cpu_time`, `user_time`, ...),
    /// otherwise one list per host CPU from `start_cpu` on (`cpu_time`,
    /// `vcpu_time`). Asks for the number of parameters first and adds
    /// `VIR_TYPED_PARAM_STRING_OKAY`, as the C library does.
    ///
    /// C function [`virDomainGetCPUStats`](https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetCPUStats).
    #[doc(alias = "virDomainGetCPUStats")]
    pub async fn get_cpu_stats(
        &self,
        start_cpu: i32,
        ncpus: u32,
        flags: u32,
    ) -> Result<Vec<TypedParams>> {
        let client = self.connect().client();
        let flags = flags | STRING_OKAY;
        let probe_cpus = if start_cpu == -1 { 1 } else { ncpus.min(1) };
        let n = client
            .domain_get_cpu_stats(self.raw(), 0, start_cpu, probe_cpus, flags)
            .await?
            .nparams;
        let Ok(n) = u32::try_from(n) else {
            return Ok(Vec::new());
        };
        if n == 0 || ncpus == 0 {
            return Ok(Vec::new());
        }
        let r = client
            .domain_get_cpu_stats(self.raw(), n, start_cpu, ncpus, flags)
            .await?;
        let per_cpu = usize::try_from(r.nparams).unwrap_or(0);
        if per_cpu == 0 {
            return Ok(Vec::new());
        }
        if r.params.len() % per_cpu != 0 || per_cpu > n as usize {
            return Err(crate::Error::Protocol(format!(
                "CPU statistics: {} parameters do not split into lists of {per_cpu}",
                r.params.len()
            )));
        }
        let mut out = Vec::new();
        let mut params = r.params.into_iter();
        loop {
            let chunk: Vec<_> = params.by_ref().take(per_cpu).collect();
            if chunk.is_empty() {
                break;
            }
            out.push(TypedParams::from_wire(chunk)?);
        }
        Ok(out)
    }
}
