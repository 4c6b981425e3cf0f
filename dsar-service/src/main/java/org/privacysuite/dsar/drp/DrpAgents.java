package org.privacysuite.dsar.drp;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.jboss.logging.Logger;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.dsar.service.Sha256;

/**
 * The authorised agents: onboarded by officers with their verify keys, paired by the signed key setup of DRP 2.05,
 * which issues the bearer token the agent's later calls carry (stored as its hash only).
 */
@ApplicationScoped
public class DrpAgents {

    private static final Logger LOG = Logger.getLogger(DrpAgents.class);

    private final SecureRandom random = new SecureRandom();

    @Inject
    Clock clock;

    @Inject
    DrpSignedMessages messages;

    @Inject
    DrpReplayGuard replay;

    /** 2.05: verifies the signed message against the directory key of the agent in the path and issues a token. */
    @Transactional
    public DrpDtos.AgentToken register(String agentId, String body) {
        DrpAgent agent = DrpAgent.findById(agentId);
        if (agent == null) {
            throw DrpException.bareForbidden("unknown agent " + agentId);
        }
        try {
            DrpSignedMessages.Signed signed = messages.verify(body, agent, true);
            if (!replay.use(agent.id, signed.message(), signed.expiresAt()).first()) {
                throw DrpException.of(403, "This signed message was already used.");
            }
        } catch (DrpException e) {
            throw DrpException.bareForbidden(e.getMessage());
        }
        // One live token per agent: a new setup replaces the previous token.
        DrpToken.delete("agentId", agent.id);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        DrpToken stored = new DrpToken();
        stored.tokenHash = Sha256.hex(token);
        stored.agentId = agent.id;
        stored.issuedAt = Instant.now(clock);
        stored.persist();
        LOG.infof("DRP agent %s completed the pair-wise key setup", agent.id);
        return new DrpDtos.AgentToken(agent.id, token);
    }

    /** 2.06: the bearer token must belong to the agent in the path. */
    @Transactional
    public void checkAgent(String agentId, String authorization) {
        DrpAgent agent = authenticate(authorization);
        if (!agent.id.equals(agentId)) {
            throw DrpException.of(403, "The bearer token does not belong to agent " + agentId);
        }
    }

    /** The agent a bearer token was issued to. */
    DrpAgent authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw DrpException.of(401, "A bearer token from POST /v1/agent/{agent-id} is required.");
        }
        String value = authorization.trim();
        if (!value.regionMatches(true, 0, "Bearer ", 0, 7) || value.substring(7).isBlank()) {
            throw DrpException.of(401, "A bearer token from POST /v1/agent/{agent-id} is required.");
        }
        DrpToken token = DrpToken.findById(Sha256.hex(value.substring(7).trim()));
        DrpAgent agent = token == null ? null : DrpAgent.findById(token.agentId);
        if (agent == null) {
            throw DrpException.of(403, "The bearer token is not valid.");
        }
        return agent;
    }

    /** Officers: creates or re-keys an agent. A new key invalidates the tokens issued under the old one. */
    @Transactional
    public DrpAgent putAgent(String agentId, String name, String verifyKey, String officer) {
        byte[] raw = Ed25519Verifier.rawKey(verifyKey).orElseThrow(() -> ProblemException.invalid("verifyKey",
                "must be a 32-byte Ed25519 verify key, base64 or hex"));
        String canonical = Base64.getEncoder().encodeToString(raw);
        DrpAgent agent = DrpAgent.findById(agentId);
        if (agent == null) {
            agent = new DrpAgent();
            agent.id = agentId;
        } else if (!canonical.equals(agent.verifyKey)) {
            DrpToken.delete("agentId", agentId);
        }
        agent.name = name.trim();
        agent.verifyKey = canonical;
        agent.updatedAt = Instant.now(clock);
        agent.updatedBy = officer;
        agent.persist();
        LOG.infof("DRP agent %s set by %s", agentId, officer);
        return agent;
    }

    /** Officers: removes an agent and its tokens; the requests it submitted stay. */
    @Transactional
    public boolean removeAgent(String agentId, String officer) {
        DrpToken.delete("agentId", agentId);
        boolean removed = DrpAgent.deleteById(agentId);
        if (removed) {
            LOG.infof("DRP agent %s removed by %s", agentId, officer);
        }
        return removed;
    }

    @Transactional
    public List<DrpDtos.AgentView> agents() {
        List<DrpAgent> agents = DrpAgent.listAll(Sort.by("id"));
        return agents.stream().map(this::view).toList();
    }

    DrpDtos.AgentView view(DrpAgent agent) {
        return new DrpDtos.AgentView(agent.id, agent.name, agent.verifyKey, DrpMapping.iso(agent.updatedAt),
                agent.updatedBy, DrpToken.count("agentId", agent.id));
    }
}
