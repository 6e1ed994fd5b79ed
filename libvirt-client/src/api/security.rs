//! Security labels and models, whose C structs hold fixed-size character
//! buffers: here strings.

use crate::api::{Connect, Domain, ErrorDomain, ErrorNumber, Result};
use crate::proto::remote::RemoteCalls;
use crate::DaemonError;

/// A domain's security label (C's `virSecurityLabel`).
#[doc(alias = "virSecurityLabel")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityLabel {
    /// The label (an SELinux context, an AppArmor profile, ...); empty
    /// when the domain does not run under a security model.
    pub label: String,
    /// True when the security policy is enforced.
    pub enforcing: bool,
}

/// The host's security model (C's `virSecurityModel`).
#[doc(alias = "virSecurityModel")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityModel {
    /// The model's name (`selinux`, `apparmor`, `dac`, ...), empty when
    /// there is none.
    pub model: String,
    /// Its domain of interpretation.
    pub doi: String,
}

/// The text of a C character buffer: up to its first NUL.
pub(crate) fn c_string(chars: &[i8]) -> String {
    let bytes: Vec<u8> = chars
        .iter()
        .map(|&c| c as u8)
        .take_while(|&b| b != 0)
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn label(raw: crate::proto::remote::DomainGetSecurityLabelRet) -> SecurityLabel {
    SecurityLabel {
        label: c_string(&raw.label),
        enforcing: raw.enforcing != 0,
    }
}

impl Domain {
    /// The security label of a running domain.
    ///
    /// C function [`virDomainGetSecurityLabel`](https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetSecurityLabel).
    #[doc(alias = "virDomainGetSecurityLabel")]
    pub async fn get_security_label(&self) -> Result<SecurityLabel> {
        let r = self
            .connect()
            .client()
            .domain_get_security_label(self.raw())
            .await?;
        Ok(label(r))
    }

    /// Every security label of a running domain, one per security driver.
    ///
    /// The daemon reports a driver failure of this call as a success with
    /// a negative count; like the C library, that is an error here.
    ///
    /// C function [`virDomainGetSecurityLabelList`](https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetSecurityLabelList).
    #[doc(alias = "virDomainGetSecurityLabelList")]
    pub async fn get_security_label_list(&self) -> Result<Vec<SecurityLabel>> {
        let r = self
            .connect()
            .client()
            .domain_get_security_label_list(self.raw())
            .await?;
        if r.ret < 0 {
            // libvirt's generic failure, as the C library reports it.
            let mut e = DaemonError::new(
                ErrorNumber::InternalError,
                ErrorDomain::None,
                "An error occurred, but the cause is unknown",
            );
            e.int1 = 0;
            e.int2 = 0;
            return Err(crate::Error::Remote(Box::new(e)));
        }
        Ok(r.labels.into_iter().map(label).collect())
    }
}

impl Connect {
    /// The security model of the host.
    ///
    /// C function [`virNodeGetSecurityModel`](https://libvirt.org/html/libvirt-libvirt-host.html#virNodeGetSecurityModel).
    #[doc(alias = "virNodeGetSecurityModel")]
    pub async fn node_get_security_model(&self) -> Result<SecurityModel> {
        let r = self.client().node_get_security_model().await?;
        Ok(SecurityModel {
            model: c_string(&r.model),
            doi: c_string(&r.doi),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::c_string;

    #[test]
    fn c_buffers_end_at_their_first_nul() {
        let raw: Vec<i8> = b"selinux\0junk".iter().map(|&b| b as i8).collect();
        assert_eq!(c_string(&raw), "selinux");
        assert_eq!(c_string(&[]), "");
        let no_nul: Vec<i8> = b"dac".iter().map(|&b| b as i8).collect();
        assert_eq!(c_string(&no_nul), "dac");
    }
}
