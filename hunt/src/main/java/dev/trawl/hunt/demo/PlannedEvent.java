package dev.trawl.hunt.demo;

import dev.trawl.hunt.demo.TenantDirectory.ClientProfile;
import dev.trawl.hunt.demo.TenantDirectory.Person;
import dev.trawl.store.synthetic.ExchangeAuditEvent;

/**
 * One record the demo tenant will write, decided but not yet spelled out: small enough that a whole tenant's
 * plan fits in memory, so it can be sorted into time order and counted for the ground truth before writing.
 *
 * @param second the UAL CreationTime in epoch seconds (whole seconds, as real UAL times are)
 * @param sequence the order it was planned in, which breaks ties between records of the same second
 * @param scenario the {@link GroundTruth.Scenario} name, or {@link #EXFILTRATION}
 * @param kind what the record is
 * @param actor who acted
 * @param mailbox whose mailbox
 * @param client from where and with what
 * @param logonType the Exchange LogonType
 * @param folder the index of the folder in the mailbox's folder list
 * @param items messages bound (Bind), sent or moved; 0 for a Sync
 * @param failed whether the UAL ResultStatus is Failed
 * @param sessionId the SessionId, or null
 */
record PlannedEvent(long second, int sequence, String scenario, Kind kind, ExchangeAuditEvent.Actor actor,
        Person mailbox, ClientProfile client, int logonType, int folder, int items, boolean failed,
        String sessionId) {

    /** The scenario name of the exfiltration's records. */
    static final String EXFILTRATION = "exfiltration";

    enum Kind { BIND, SYNC, SEND, MOVE_TO_DELETED_ITEMS }
}
