import TriageCore

/// The runbook triage uses when none is configured, written for triage's incident pane.
///
/// Kept as Swift source, the single copy: `triage runbook default` prints it, so a team can start
/// their own from it. It follows the outage from detection to the post-incident review, with a
/// task list per phase (the windows drive the "overdue" marks), a severity table with response
/// targets, timed escalation triggers, docker/kubectl/curl commands, and two message templates.
public enum BuiltinRunbook {
    /// Where the built-in runbook says it comes from, in `Runbook.sourcePath` and lint output.
    public static let sourceName = "builtin:service-outage"

    /// The built-in runbook, parsed.
    /// Parsed once per process: the text never changes, and cmark parsing it costs milliseconds at start-up.
    public static let parsed: Runbook = RunbookParser.parse(text: serviceOutage, path: sourceName)

    public static let serviceOutage: String = #"""
        # Service Outage Runbook

        The runbook triage uses when none is configured. Work down the checklist: every tick is recorded
        in the incident timeline with who ticked it and when. Post a status update every 15 minutes until
        the service is restored, even when there is nothing new to say.

        Commands below can be run from the incident pane (`x`, after a confirmation). Replace the
        variables (`$SERVICE_URL`, `$CONTAINER`, `$POD`, `$DEPLOYMENT`, `$NAMESPACE`) first.

        ## Severity Levels

        | Severity | Description | Response Time |
        |----------|-------------|---------------|
        | P1 | Critical: service down for all or most users, or data at risk | 5 minutes |
        | P2 | High: a major feature down, or many users degraded | 15 minutes |
        | P3 | Medium: partial degradation with a workaround | 1 hour |
        | P4 | Low: minor issue, few users affected | 4 hours |

        ## Detection (First 5 minutes)

        - [ ] Acknowledge the alert and declare the incident in triage
        - [ ] Confirm the outage from outside: health endpoint, status page, a real request
        - [ ] Set the severity and name an incident commander
        - [ ] Open the incident channel and post the first status update

        ```bash
        # Health endpoint from outside
        curl -fsS --max-time 5 "$SERVICE_URL/health"
        ```

        ## Investigation (5-30 minutes)

        - [ ] Find what is down: services, containers and pods in triage's panes
        - [ ] Read the last errors in the logs of the failing service
        - [ ] Check what changed in the last 24 hours: deploys, configuration, certificates, dependencies
        - [ ] Check the hosts: CPU, memory, disk space, network
        - [ ] Write the suspected cause as a note in the timeline

        ```bash
        # Containers that stopped
        docker ps -a --filter status=exited --filter status=dead
        docker logs --tail 200 "$CONTAINER"
        ```

        ```bash
        # Pods that are not running
        kubectl get pods --all-namespaces --field-selector=status.phase!=Running
        kubectl describe pod "$POD" -n "$NAMESPACE"
        kubectl logs "$POD" -n "$NAMESPACE" --tail=200 --previous
        kubectl get events -n "$NAMESPACE" --sort-by=.lastTimestamp
        ```

        ```bash
        # Host resources
        df -h
        free -m
        uptime
        ```

        ## Resolution (30-120 minutes)

        - [ ] Choose the least risky fix: roll back, restart, scale out or fail over
        - [ ] Announce the action in the incident channel before running it
        - [ ] Apply the fix and record the command and its result
        - [ ] Confirm from outside that the symptom is gone

        ```bash
        # Look before changing anything: what is deployed, and what it would roll back to
        kubectl rollout history deployment/"$DEPLOYMENT" -n "$NAMESPACE"
        ```

        ```bash
        # Roll back the last deployment
        kubectl rollout undo deployment/"$DEPLOYMENT" -n "$NAMESPACE"
        kubectl rollout status deployment/"$DEPLOYMENT" -n "$NAMESPACE" --timeout=120s
        ```

        ```bash
        # Restart a deployment
        kubectl rollout restart deployment/"$DEPLOYMENT" -n "$NAMESPACE"
        ```

        ```bash
        # Restart a container
        docker restart "$CONTAINER"
        ```

        ## Recovery

        - [ ] Watch error rates and latency for 30 minutes after the fix
        - [ ] Verify that every service, container and pod is healthy in triage
        - [ ] Check for lost data or stuck jobs and replay what failed
        - [ ] Post the resolution notice and set the status to Resolved

        ```bash
        # Everything healthy again
        curl -fsS --max-time 5 "$SERVICE_URL/health"
        docker ps --format '{{.Names}}\t{{.Status}}'
        kubectl get pods -n "$NAMESPACE"
        ```

        ## Post-Outage (2 hours to 5 days)

        - [ ] Export the incident timeline
        - [ ] Write the post-incident review: impact, timeline, root cause, what helped
        - [ ] File follow-up actions with owners and dates
        - [ ] Update this runbook with what was missing

        ## Escalation

        ### Escalate to L2 if:

        - No root cause identified within 20 minutes
        - Service down > 30 minutes
        - Data loss suspected

        ### Escalate to L3 if:

        - Service down > 60 minutes
        - Several services or regions affected
        - Customer data exposed, or a security incident suspected

        ## Communication Templates

        ### Status Update

        ```
        [Time] INCIDENT UPDATE - [Severity] - [Status]
        [Title] ([Incident ID])
        Affected Services: [Affected Services]
        Impact: [User Impact]
        Current actions: [Actions]
        Next update: [Next Update Time]
        ```

        ### Resolution Notice

        ```
        [Time] RESOLVED - [Severity] - [Title]
        Affected Services: [Affected Services]
        Duration: [Duration]
        Cause: [Root Cause]
        Fix: [Resolution]
        Follow-up: post-incident review on [Review Date]
        ```

        """#
}
