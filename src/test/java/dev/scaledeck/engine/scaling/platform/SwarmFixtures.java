package dev.scaledeck.engine.scaling.platform;

/** Engine API answers shaped like those of Docker 24, trimmed to what matters plus fields that must survive. */
final class SwarmFixtures {

    static final String SERVICE_ID = "9mnpnzenvg8p8tdbtq4wvbkcz";
    /** Not a replica count anywhere, so a test cannot mistake one for the other. */
    static final long VERSION_INDEX = 7319;

    private SwarmFixtures() {
    }

    /** A replicated service whose spec holds many fields an update must send back unchanged. */
    static String replicatedService(String name, int replicas) {
        return service(name, "{\"Replicated\":{\"Replicas\":" + replicas + "}}");
    }

    static String globalService(String name) {
        return service(name, "{\"Global\":{}}");
    }

    private static String service(String name, String mode) {
        return """
                {"ID":"%s","Version":{"Index":%d},
                 "CreatedAt":"2024-03-01T10:00:00.123456789Z","UpdatedAt":"2024-03-02T11:00:00Z",
                 "Spec":{"Name":"%s","Labels":{"com.docker.stack.namespace":"shop","team":"ops"},
                  "TaskTemplate":{"ContainerSpec":{"Image":"registry.local/n8n-converter:1.4.2@sha256:abc",
                    "Env":["PORT=8080","LOG_LEVEL=info"],"Mounts":[{"Type":"volume","Source":"data","Target":"/data"}],
                    "StopGracePeriod":10000000000,"Healthcheck":{"Test":["CMD","curl","-f","http://localhost:8080/health"],
                    "Interval":5000000000}},
                   "Resources":{"Limits":{"NanoCPUs":500000000,"MemoryBytes":536870912},"Reservations":{}},
                   "RestartPolicy":{"Condition":"any","Delay":5000000000,"MaxAttempts":0},
                   "Placement":{"Constraints":["node.role==worker"],"MaxReplicas":2},
                   "Networks":[{"Target":"shop_backend","Aliases":["converter"]}],"ForceUpdate":3,"Runtime":"container"},
                  "Mode":%s,
                  "UpdateConfig":{"Parallelism":1,"FailureAction":"rollback","Monitor":5000000000,
                   "MaxFailureRatio":0.1,"Order":"start-first"},
                  "RollbackConfig":{"Parallelism":1,"FailureAction":"pause","MaxFailureRatio":0,"Order":"stop-first"},
                  "EndpointSpec":{"Mode":"vip","Ports":[{"Protocol":"tcp","TargetPort":8080,"PublishedPort":8080,
                   "PublishMode":"ingress"}]}},
                 "Endpoint":{"Spec":{"Mode":"vip"},"VirtualIPs":[{"NetworkID":"ingressid","Addr":"10.0.0.7/24"}]}}
                """.formatted(SERVICE_ID, VERSION_INDEX, name, mode);
    }

    /** A task attached to the ingress network first (as when ports are published), then to the app's network. */
    static String task(String id, int slot, String state, String backendAddress) {
        String networks = backendAddress == null ? "[]" : """
                [{"Network":{"ID":"ingressid","Spec":{"Name":"ingress","Ingress":true}},"Addresses":["10.0.0.%d/24"]},
                 {"Network":{"ID":"backendid","Spec":{"Name":"shop_backend"}},"Addresses":["%s"]}]"""
                .formatted(10 + slot, backendAddress);
        return """
                {"ID":"%s","Version":{"Index":90},"ServiceID":"%s","Slot":%d,"NodeID":"node1",
                 "Status":{"Timestamp":"2024-03-02T11:00:01Z","State":"%s","Message":"%s"},
                 "DesiredState":"running","NetworksAttachments":%s}
                """.formatted(id, SERVICE_ID, slot, state, state, networks);
    }

    static String tasks(String... tasks) {
        return "[" + String.join(",", tasks) + "]";
    }
}
