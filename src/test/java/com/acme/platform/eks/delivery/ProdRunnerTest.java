package com.acme.platform.eks.delivery;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A job on the prod runner says first what that runner needs, before a node24 action fails on an old runner. */
class ProdRunnerTest {
    /** actions/runner v2.327.1 is the first release that runs node24 actions (actions/runner#3940). */
    static final String NODE24_RUNNER = "v2.327.1";

    @Test
    void everyProdRunnerJobChecksFirstWhatTheRunnerNeeds() throws Exception {
        var problems = new ArrayList<String>();
        int prodJobs = 0;
        for (var workflow : WorkflowChecks.loadAll()) {
            for (var job : workflow.jobs().values()) {
                if (job.runsOn() == null || !job.runsOn().contains("PROD_RUNNER")) {
                    continue;
                }
                prodJobs++;
                String first = String.valueOf(job.steps().get(0).run());
                if (!first.contains("command -v aws") || !first.contains(NODE24_RUNNER)) {
                    problems.add(workflow.file() + " " + job.name() + ": the first step does not check for the AWS"
                            + " CLI and name the runner version node24 actions need");
                }
            }
        }
        assertTrue(prodJobs >= 3, "preview-prod, deploy-prod, drift-prod");
        assertEquals(List.of(), problems);
        assertTrue(Files.readString(Path.of("docs/delivery.md")).contains(NODE24_RUNNER));
    }
}
