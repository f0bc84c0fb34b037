-- AlterEnum
ALTER TYPE "AccountStatus" ADD VALUE 'pending_handoff';
