package org.csssim.http;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.csssim.admin.AdminToken;
import org.csssim.catalogue.Catalogue;
import org.csssim.clock.SimulatorClock;
import org.csssim.clock.TimerService;
import org.csssim.config.SimulatorConfig;
import org.csssim.delivery.MessageSigner;
import org.csssim.delivery.OutboundClient;
import org.csssim.delivery.Subscriptions;
import org.csssim.delivery.WebhookDelivery;
import org.csssim.journal.JournalStore;
import org.csssim.metrics.Metrics;
import org.csssim.party.Connections;
import org.csssim.party.Faults;
import org.csssim.party.PartyRegistry;
import org.csssim.pki.TestPki;
import org.csssim.registration.Registrations;
import org.csssim.registration.TestDataAllocator;
import org.csssim.routing.Router;
import org.csssim.scenario.ScenarioEngine;
import org.csssim.store.Store;
import org.csssim.unit.Units;
import org.csssim.wire.IdempotencyStore;
import org.csssim.wire.Intake;

/** What every HTTPS event loop shares: built once at start, all safe to use from several threads. */
public record Services(SimulatorConfig config, Path dataDir, TestPki pki, Catalogue catalogue,
                       Supplier<PartyRegistry> parties, JournalStore journal, IdempotencyStore idempotency,
                       Intake intake, SimulatorClock clock, TimerService timers, AdminToken adminToken,
                       ScenarioEngine engine, Registrations registrations, TestDataAllocator allocator,
                       WebhookDelivery outbox, Subscriptions subscriptions, Router router, Units units,
                       OutboundClient outbound, MessageSigner signer, Connections connections, Faults faults,
                       Metrics metrics, String version, Store store) {}
