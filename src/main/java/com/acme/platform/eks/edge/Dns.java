package com.acme.platform.eks.edge;

import com.acme.platform.eks.platform.PlatformContext;
import com.acme.platform.eks.config.EdgeConfig;
import com.pulumi.aws.acm.Certificate;
import com.pulumi.aws.acm.CertificateArgs;
import com.pulumi.aws.acm.CertificateValidation;
import com.pulumi.aws.acm.CertificateValidationArgs;
import com.pulumi.aws.acm.outputs.CertificateDomainValidationOption;
import com.pulumi.aws.route53.Record;
import com.pulumi.aws.route53.RecordArgs;
import com.pulumi.aws.route53.Zone;
import com.pulumi.aws.route53.ZoneArgs;
import com.pulumi.aws.route53.enums.RecordType;
import com.pulumi.aws.route53.inputs.ZoneVpcArgs;
import com.pulumi.core.Alias;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** The public and private zones and the DNS-validated certificate: docs/internals.md#hosted-zones. */
public final class Dns extends ComponentResource {

    public record Args(PlatformContext platform, EdgeConfig config, Output<String> vpcId) { }

    private final String publicZoneName;
    private final String privateZoneName;
    private final Output<String> publicZoneId;
    private final Output<String> publicZoneArn;
    private final Output<List<String>> publicNameServers;
    private final Output<String> privateZoneId;
    private final Output<String> privateZoneArn;
    private final Output<String> certificateArn;

    public Dns(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:edge:Dns", name, options);
        var cfg = args.config();
        var child = CustomResourceOptions.builder().parent(this).build();
        var protectedChild = CustomResourceOptions.builder().parent(this).protect(args.platform().protect()).build();
        this.publicZoneName = cfg.domain();
        this.privateZoneName = cfg.privateZoneName();

        if (cfg.publicZoneId().isPresent()) {
            // An existing zone, in this account (docs/internals.md#hosted-zones).
            String zoneId = cfg.publicZoneId().get();
            this.publicZoneId = Output.of(zoneId);
            this.publicZoneArn = args.platform().account().partition()
                    .applyValue(p -> "arn:" + p + ":route53:::hostedzone/" + zoneId);
            this.publicNameServers = Output.of(List.of());
        } else {
            var zone = new Zone(name + "-public-zone", ZoneArgs.builder()
                    .name(cfg.domain())
                    .comment("Public names of " + cfg.domain() + "; records by external-dns and ACM validation")
                    // Unprotected zones force-destroy records external-dns left (docs/internals.md#hosted-zones).
                    .forceDestroy(!args.platform().protect())
                    .build(), protectedChild);
            this.publicZoneId = zone.zoneId();
            this.publicZoneArn = zone.arn();
            this.publicNameServers = zone.nameServers();
        }

        // Split horizon: internal names resolve only inside the VPC and are never published in the public zone.
        var privateZone = new Zone(name + "-private-zone", ZoneArgs.builder()
                .name(cfg.privateZoneName())
                .comment("Internal names of " + cfg.domain() + ", resolvable only inside the cluster's VPC")
                .vpcs(ZoneVpcArgs.builder().vpcId(args.vpcId()).build())
                .forceDestroy(!args.platform().protect())
                .build(), protectedChild);
        this.privateZoneId = privateZone.zoneId();
        this.privateZoneArn = privateZone.arn();

        List<String> domains = cfg.certificateDomains();
        var certificate = new Certificate(name + "-certificate", CertificateArgs.builder()
                .domainName(domains.get(0))
                .subjectAlternativeNames(domains.subList(1, domains.size()))
                .validationMethod("DNS")
                .keyAlgorithm("RSA_2048")
                .build(), child);

        // One record per distinct name without "*." (docs/internals.md#certificate-validation-records).
        var validationNames = new LinkedHashSet<String>();
        domains.forEach(d -> validationNames.add(d.startsWith("*.") ? d.substring(2) : d));
        var fqdns = new ArrayList<Output<String>>();
        int position = 0;
        for (String domain : validationNames) {
            Output<CertificateDomainValidationOption> option = certificate.domainValidationOptions()
                    .applyValue(all -> all.stream()
                            .filter(o -> o.domainName().map(d -> d.equals(domain) || d.equals("*." + domain))
                                    .orElse(false))
                            .findFirst()
                            .orElseThrow(() -> new IllegalStateException("ACM returned no validation option for "
                                    + domain)));
            // Named after the validated name, not its position (docs/internals.md#certificate-validation-records).
            var recordOptions = CustomResourceOptions.builder().parent(this)
                    // The positional name of earlier versions: renamed in the state, not replaced.
                    .aliases(Alias.builder().name(name + "-validation-" + position++).build())
                    .build();
            var record = new Record(validationRecordName(name, domain), RecordArgs.builder()
                    .zoneId(publicZoneId)
                    .name(option.applyValue(o -> o.resourceRecordName().orElseThrow()))
                    .type(option.applyValue(o -> Either.<String, RecordType>ofLeft(
                            o.resourceRecordType().orElseThrow())))
                    .records(option.applyValue(o -> List.of(o.resourceRecordValue().orElseThrow())))
                    .ttl(60)
                    // The record may already exist from an earlier certificate for the same name: ACM reuses it.
                    .allowOverwrite(true)
                    .build(), recordOptions);
            fqdns.add(record.fqdn());
        }

        var validation = new CertificateValidation(name + "-certificate-validation", CertificateValidationArgs.builder()
                .certificateArn(certificate.arn())
                .validationRecordFqdns(Output.all(fqdns))
                .build(), child);
        // The validation's ARN, not the certificate's: whoever uses it waits until the certificate is issued.
        this.certificateArn = validation.certificateArn();

        registerOutputs(Map.of(
                "publicZoneId", publicZoneId,
                "privateZoneId", privateZoneId,
                "certificateArn", certificateArn));
    }

    /** The validation record's name for a domain: docs/internals.md#certificate-validation-records. */
    static String validationRecordName(String component, String domain) {
        return component + "-validation-" + domain;
    }

    /** The public zone: external-dns's public instance leaves the private zone's names alone. */
    public HostedZone publicZone() {
        return new HostedZone(HostedZone.Visibility.PUBLIC, publicZoneName, publicZoneId, publicZoneArn,
                List.of(privateZoneName));
    }

    public HostedZone privateZone() {
        return new HostedZone(HostedZone.Visibility.PRIVATE, privateZoneName, privateZoneId, privateZoneArn, List.of());
    }

    /** Where to delegate the domain from its parent; empty when an existing zone is used. */
    public Output<List<String>> publicNameServers() {
        return publicNameServers;
    }

    /** The certificate's ARN, known only once ACM has issued it (for the Ingress's certificate-arn annotation). */
    public Output<String> certificateArn() {
        return certificateArn;
    }
}
