package com.acme.platform.eks.delivery;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A job on the prod runner says first what that runner needs, before a node24 action fails on an old runner. */
class ProdRunnerTest {
    /** actions/runner v2.327.1 is the first release that runs node24 actions (actions/runner#3940). */
    static final String NODE24_RUNNER = "v2.327.1";

    @Test
    @SuppressWarnings("unchecked")
    void everyProdRunnerJobChecksFirstWhatTheRunnerNeeds() throws Exception {
        var problems = new ArrayList<String>();
        int prodJobs = 0;
        for (String file : List.of("deploy.yml", "drift.yml")) {
            var workflow = (Map<String, Object>) new Yaml(new LoaderOptions())
                    .load(Files.readString(Path.of(".github/workflows", file)));
            var jobs = (Map<String, Map<String, Object>>) workflow.get("jobs");
            for (var job : jobs.entrySet()) {
                if (!String.valueOf(job.getValue().get("runs-on")).contains("PROD_RUNNER")) {
                    continue;
                }
                prodJobs++;
                var steps = (List<Map<String, Object>>) job.getValue().get("steps");
                String first = String.valueOf(steps.get(0).get("run"));
                if (!first.contains("command -v aws") || !first.contains(NODE24_RUNNER)) {
                    problems.add(file + " " + job.getKey() + ": the first step does not check for the AWS CLI and"
                            + " name the runner version node24 actions need");
                }
            }
        }
        assertTrue(prodJobs >= 3, "preview-prod, deploy-prod, drift-prod");
        assertEquals(List.of(), problems);
        assertTrue(Files.readString(Path.of("docs/delivery.md")).contains(NODE24_RUNNER));
    }
}
