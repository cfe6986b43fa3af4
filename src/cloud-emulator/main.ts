// Runs the VPC API emulator: `node dist/cloud-emulator/main.js --port 9400` (credentials from the environment).
import { parseArgs } from 'node:util';
import { startVpcEmulator } from './start-vpc-emulator.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '9400' },
      host: { type: 'string', default: '127.0.0.1' },
      'async-delay-ms': { type: 'string', default: '500' },
      // subnet-id=vpc-id:cidr, repeatable: lets CreateHaVip check and pick addresses.
      subnet: { type: 'string', multiple: true, default: [] },
    },
    strict: true,
  });
  const secretId = process.env.TENCENTCLOUD_SECRET_ID;
  const secretKey = process.env.TENCENTCLOUD_SECRET_KEY;
  if (!secretId || !secretKey) {
    process.stderr.write('cloud-emulator: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY: the emulator accepts only requests signed with them\n');
    process.exit(5);
  }
  const subnets = values.subnet.map((spec) => {
    const m = /^([^=]+)=([^:]+):(\d+\.\d+\.\d+\.\d+\/\d+)$/.exec(spec);
    if (!m) {
      process.stderr.write(`cloud-emulator: --subnet ${spec}: write it as subnet-id=vpc-id:10.0.4.0/24\n`);
      process.exit(5);
    }
    return { subnetId: m[1]!, vpcId: m[2]!, cidrBlock: m[3]! };
  });
  const emulator = await startVpcEmulator({
    port: Number(values.port),
    host: values.host,
    credentials: [{ secretId, secretKey }],
    asyncDelayMs: Number(values['async-delay-ms']),
    subnets,
  });
  process.stdout.write(`cloud-emulator: Tencent Cloud VPC API on ${emulator.url}\n`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`cloud-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
